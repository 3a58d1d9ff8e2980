import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { GUARDIAN_CONSENT_BELOW_AGE } from '../../account/birth-date';
import { consentValidDays } from '../../api/guardian';
import { useI18n } from '../../i18n/context';

/**
 * What the guardian is asked, before they answer: the page is reached from a message by someone
 * who may never have heard of Lockstep, so it says who asks, why, and what each answer does.
 */
export function ConsentExplanation() {
  const { t } = useI18n();
  const age = GUARDIAN_CONSENT_BELOW_AGE;
  return (
    <div data-testid="guardian-explanation">
      <Typography.Paragraph>{t('guardian.intro', { age })}</Typography.Paragraph>
      <ul style={{ margin: '0 0 12px', paddingInlineStart: '1.4em', lineHeight: 1.8 }}>
        <li>{t('guardian.whyConsent', { age })}</li>
        <li>
          <Typography.Text strong>{t('guardian.ifApprove')}</Typography.Text>{t('guardian.approveMeans')}
        </li>
        <li>
          <Typography.Text strong>{t('guardian.ifDecline')}</Typography.Text>{t('guardian.declineMeans')}
        </li>
        <li>{t('guardian.ifSilent', { days: consentValidDays })}</li>
      </ul>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('guardian.policy')} <Link to="/policy#s11">{t('guardian.policyLink')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
