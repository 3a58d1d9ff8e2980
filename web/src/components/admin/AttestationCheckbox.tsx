import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Checkbox, Flex, Skeleton, Typography } from 'antd';
import { useAttestationText } from '../../api/organisations';
import { useI18n } from '../../i18n/context';
import { QueryFailure } from '../QueryFailure';

interface Props {
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
}

/**
 * The statement an admin ticks before inviting (P0.2), shown in full next to the box: ticking
 * it is recorded with who ticked it, when, and which wording, and the invitee later reads it.
 */
export function AttestationCheckbox({ checked, onChange, testId }: Props) {
  const { t, pick } = useI18n();
  const attestation = useAttestationText();
  if (attestation.isError) return <QueryFailure error={attestation.error} onRetry={() => void attestation.refetch()} />;
  return (
    <Flex vertical gap={6} style={{ padding: '12px 16px', background: '#f6f9ff', border: '1px solid #d6e4ff', borderRadius: 8 }}>
      {attestation.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <>
          <Checkbox checked={checked} onChange={(event) => onChange(event.target.checked)} data-testid={testId}>
            <Typography.Text strong>
              <SafetyCertificateOutlined style={{ color: '#1f5fbf', marginRight: 6 }} />
              {t('adminInvite.attestationLabel')}
            </Typography.Text>
          </Checkbox>
          <Typography.Paragraph style={{ margin: 0, paddingInlineStart: 24, cursor: 'pointer' }} onClick={() => onChange(!checked)} data-testid="attestation-text">
            {pick(attestation.data.text)}
          </Typography.Paragraph>
        </>
      )}
    </Flex>
  );
}
