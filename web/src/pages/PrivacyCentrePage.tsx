import { Alert, Button, Col, Flex, Row } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMyPolicyState } from '../api/policy';
import { PageHeading } from '../components/PageHeading';
import { CancelAccount } from '../components/privacy/CancelAccount';
import { DevicePermissions } from '../components/privacy/DevicePermissions';
import { DownloadMyData } from '../components/privacy/DownloadMyData';
import { MyChildren } from '../components/privacy/MyChildren';
import { MyRequests } from '../components/privacy/MyRequests';
import { PolicyDocumentsCard } from '../components/privacy/PolicyDocumentsCard';
import { useI18n } from '../i18n/context';

/**
 * My rights over my data in one place: a copy of it, leaving with it erased, the device
 * permissions I granted, requests about it and their outcome, and the texts that govern it; for a
 * parent or guardian, the same rights over their children's data.
 */
export default function PrivacyCentrePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { hash } = useLocation();
  // RequireSignIn renders this page only with an account
  const policy = useMyPolicyState(true);
  const pending = policy.data?.acceptanceRequired;

  useEffect(() => {
    // the acceptance dialog's "don't accept" links to /me/privacy#cancel
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ behavior: 'smooth' });
  }, [hash]);

  return (
    <Flex vertical gap={24}>
      <PageHeading title={t('privacyCentre.title')} subtitle={t('privacyCentre.subtitle')} />
      {pending && (
        <Alert
          type="warning"
          showIcon
          data-testid="privacy-centre-acceptance"
          title={t('privacyCentre.acceptancePending', { label: pending.label })}
          description={t('privacyCentre.acceptancePendingHint')}
          action={
            <Button size="small" type="primary" onClick={() => navigate('/me')}>
              {t('privacyCentre.acceptNow')}
            </Button>
          }
        />
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <DownloadMyData />
        </Col>
        <Col xs={24} lg={12}>
          <CancelAccount />
        </Col>
      </Row>
      <DevicePermissions />
      <MyRequests />
      <MyChildren />
      <PolicyDocumentsCard state={policy.data} />
    </Flex>
  );
}
