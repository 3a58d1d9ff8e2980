import { ApartmentOutlined, InfoCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import type { InviteeInvitation } from '../../api/invitations';
import { useI18n } from '../../i18n/context';
import { suppliedEntries } from '../../org/supplied-fields';
import { useFieldLabel } from '../../org/use-field-label';
import { WorkStatusTag } from './WorkStatusTag';

interface Props {
  invitation: InviteeInvitation;
  accepting: boolean;
  declining: boolean;
  onAccept(): void;
  onDecline(): void;
}

/**
 * One invitation as the invitee decides on it (P0.2): who supplied what about them and when, the
 * employer's attestation in its own words, and the two answers.
 */
export function InvitationCard({ invitation, accepting, declining, onAccept, onDecline }: Props) {
  const { t, pick, formatDateTime } = useI18n();
  const label = useFieldLabel();
  const { organisation, attestation } = invitation;

  return (
    <Card
      data-testid="invitation-card"
      data-org-id={organisation.id}
      title={
        <Space>
          <ApartmentOutlined style={{ color: '#1f5fbf' }} />
          <span data-testid="invitation-org">{organisation.name}</span>
          {invitation.role === 'admin' && <Tag color="geekblue">{t('invitations.asAdmin')}</Tag>}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('invitations.intro', {
            org: organisation.name,
            by: invitation.suppliedBy ?? t('invitations.anAdmin'),
            time: invitation.suppliedAt ? formatDateTime(invitation.suppliedAt) : t('common.unknown'),
          })}
        </Typography.Paragraph>
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { width: 140 } }}
          data-testid="invitation-fields"
          items={suppliedEntries(invitation).map((entry) => ({
            key: entry.field,
            label: label(entry.field),
            children: (
              <span data-testid={`supplied-${entry.field}`}>
                {entry.workStatus ? <WorkStatusTag status={entry.workStatus} /> : (entry.value ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>)}
              </span>
            ),
          }))}
        />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'by', label: t('invitations.suppliedBy'), children: <span data-testid="invitation-supplied-by">{invitation.suppliedBy ?? t('common.unknown')}</span> },
            { key: 'at', label: t('invitations.suppliedAt'), children: invitation.suppliedAt ? formatDateTime(invitation.suppliedAt) : t('common.unknown') },
          ]}
        />
        {attestation ? (
          <Alert
            type="info"
            icon={<SafetyCertificateOutlined />}
            showIcon
            data-testid="invitation-attestation"
            title={t('invitations.attestationTitle')}
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>“{pick(attestation.text)}”</Typography.Paragraph>
                <Typography.Text type="secondary">{t('invitations.attestedAt', { time: formatDateTime(attestation.attestedAt) })}</Typography.Text>
              </>
            }
          />
        ) : (
          <Alert type="warning" showIcon data-testid="invitation-attestation" title={t('invitations.noAttestation')} />
        )}
        <Flex gap={8} align="start" data-testid="invitation-corrections-hint">
          <InfoCircleOutlined style={{ color: '#1f5fbf', marginTop: 4 }} />
          <Typography.Text>{t('invitations.correctionsHint')}</Typography.Text>
        </Flex>
        <Flex gap={8} justify="end" wrap>
          <Popconfirm title={t('invitations.declineConfirm', { org: organisation.name })} okButtonProps={{ danger: true }} okText={t('invitations.decline')} onConfirm={onDecline}>
            <Button loading={declining} disabled={accepting} data-testid="invitation-decline">
              {t('invitations.decline')}
            </Button>
          </Popconfirm>
          <Button type="primary" loading={accepting} disabled={declining} onClick={onAccept} data-testid="invitation-accept">
            {t('invitations.accept')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
