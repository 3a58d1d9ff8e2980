import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Card, Flex, Result, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { isApiError } from '../api/api-error';
import { consentValidDays, decideConsent, type GuardianDecision } from '../api/guardian';
import { ConsentDecisionForm } from '../components/guardian/ConsentDecisionForm';
import { ConsentExplanation } from '../components/guardian/ConsentExplanation';
import { ConsentOutcome } from '../components/guardian/ConsentOutcome';
import { useI18n } from '../i18n/context';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /guardian/:consentId, the link in the message to a child's parent or guardian. No account is
 * needed: the code in the same message is the proof, and entering it with the answer is the
 * consent (or refusal) the policy asks for (P11.1, P11.2).
 */
export default function GuardianConsentPage() {
  const { t } = useI18n();
  const { consentId = '' } = useParams();
  const decide = useMutation({
    mutationFn: ({ code, decision }: { code: string; decision: GuardianDecision }) => decideConsent(consentId, { code, decision }),
  });

  // a mangled link would only earn a 400 from the server: it is the same dead end as an answered one
  const gone = !uuidShape.test(consentId) || isApiError(decide.error, 'guardian_consent_not_found');

  return (
    <Flex justify="center" style={{ paddingTop: 24 }}>
      <Card style={{ width: 680, maxWidth: '100%' }} data-testid="guardian-page">
        {decide.data ? (
          <ConsentOutcome outcome={decide.data} />
        ) : gone ? (
          <Result status="warning" data-testid="guardian-not-found" title={t('guardian.goneTitle')} subTitle={t('guardian.gone', { days: consentValidDays })} />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              <Space>
                <SafetyCertificateOutlined style={{ color: '#1f5fbf' }} />
                {t('guardian.title')}
              </Space>
            </Typography.Title>
            <ConsentExplanation />
            <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 20, paddingTop: 20 }}>
              <ConsentDecisionForm
                pending={decide.isPending ? decide.variables.decision : null}
                failure={decide.error}
                onDecide={(code, decision) => decide.mutate({ code, decision })}
              />
            </div>
          </>
        )}
      </Card>
    </Flex>
  );
}
