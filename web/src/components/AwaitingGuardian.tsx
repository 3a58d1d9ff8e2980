import { HourglassOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { consentValidDays } from '../api/guardian';
import { useI18n } from '../i18n/context';

interface Props {
  /** where the consent request went, e.g. p***@example.com */
  maskedGuardian: string;
  onDone(): void;
}

/**
 * The end of a child's sign-up: the account exists but waits, without a session, for a parent or
 * guardian. Said plainly, with the deadline, because an unanswered request erases the account.
 */
export function AwaitingGuardian({ maskedGuardian, onDone }: Props) {
  const { t } = useI18n();
  return (
    <Result
      icon={<HourglassOutlined style={{ color: '#1f5fbf' }} />}
      title={t('signIn.awaitingTitle')}
      subTitle={<span data-testid="signin-awaiting-guardian">{t('signIn.awaiting', { target: maskedGuardian, days: consentValidDays })}</span>}
      extra={
        <Button type="primary" onClick={onDone} data-testid="signin-awaiting-done">
          {t('signIn.awaitingDone')}
        </Button>
      }
      style={{ paddingInline: 0 }}
    />
  );
}
