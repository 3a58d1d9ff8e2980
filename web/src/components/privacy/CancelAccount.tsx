import { UserDeleteOutlined } from '@ant-design/icons';
import { Alert, Card, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useCancelAccount } from '../../account/use-cancel-account';
import { defaultGraceDays } from '../../api/cancellation';
import { useI18n } from '../../i18n/context';
import { FreshCodeForm } from './FreshCodeForm';

/**
 * "Cancel my account": what happens and when, a box to tick, and a fresh code. Nothing is erased
 * at once: signing in within the grace period keeps everything.
 */
export function CancelAccount() {
  const { t } = useI18n();
  const [understood, setUnderstood] = useState(false);
  const cancel = useCancelAccount();
  const days = defaultGraceDays;

  return (
    <Card title={t('cancel.title')} id="cancel" data-testid="privacy-cancel" style={{ height: '100%', scrollMarginTop: 80 }} styles={{ header: { color: '#a8071a' } }}>
      <Flex vertical gap={16}>
        <ul style={{ margin: 0, paddingInlineStart: '1.4em', lineHeight: 1.8 }}>
          <li>{t('cancel.signedOut')}</li>
          <li>
            <Typography.Text strong>{t('cancel.grace', { days })}</Typography.Text>
          </li>
          <li>{t('cancel.erased', { days })}</li>
          <li>{t('cancel.receipt')}</li>
        </ul>
        <Alert
          type="info"
          showIcon
          title={t('cancel.exportFirst')}
          action={
            <Typography.Link onClick={() => document.getElementById('export')?.scrollIntoView({ behavior: 'smooth' })}>{t('cancel.exportFirstLink')}</Typography.Link>
          }
        />
        <Checkbox checked={understood} onChange={(event) => setUnderstood(event.target.checked)} data-testid="cancel-confirm">
          {t('cancel.confirm', { days })}
        </Checkbox>
        <FreshCodeForm
          testId="cancel"
          actionLabel={t('cancel.submit')}
          actionIcon={<UserDeleteOutlined />}
          danger
          actionDisabled={!understood}
          pending={cancel.isPending}
          failure={cancel.error}
          onAction={(proof) => cancel.mutate(proof)}
          onNewChallenge={() => cancel.reset()}
        />
      </Flex>
    </Card>
  );
}
