import { UserDeleteOutlined } from '@ant-design/icons';
import { Button, Result, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ConsentOutcome as Outcome } from '../../api/guardian';
import { useI18n } from '../../i18n/context';
import { ReceiptLink } from '../privacy/ReceiptLink';

/**
 * What the guardian's answer did. Consent: what they can do later, and how (signing in with the
 * very address the request went to). Refusal: the child's account is already gone, with the receipt.
 */
export function ConsentOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  const navigate = useNavigate();

  if (outcome.status === 'approved') {
    return (
      <Result
        status="success"
        data-testid="guardian-approved"
        title={t('guardian.approvedTitle')}
        subTitle={t('guardian.approvedChild')}
        extra={
          // straight to the privacy centre after signing in, where "My children" is
          <Button type="primary" onClick={() => navigate('/sign-in', { state: { from: '/me/privacy' } })} data-testid="guardian-sign-in">
            {t('guardian.signIn')}
          </Button>
        }
      >
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('guardian.approvedLater')}</Typography.Paragraph>
      </Result>
    );
  }

  return (
    <Result icon={<UserDeleteOutlined style={{ color: '#1f5fbf' }} />} data-testid="guardian-declined" title={t('guardian.declinedTitle')} subTitle={t('guardian.declinedErased')}>
      {outcome.receiptUrl ? (
        <ReceiptLink url={outcome.receiptUrl} testId="guardian-receipt" />
      ) : (
        <Typography.Text type="secondary">{t('guardian.receiptSent')}</Typography.Text>
      )}
    </Result>
  );
}
