import { ArrowRightOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { approveCorrection, useCorrections, type Correction, type CorrectionStatus } from '../../api/corrections';
import { useMembers } from '../../api/members';
import { RejectCorrectionModal } from '../../components/admin/RejectCorrectionModal';
import { PageHeading } from '../../components/PageHeading';
import { QueryFailure } from '../../components/QueryFailure';
import { CorrectionStatusTag } from '../../components/org/CorrectionStatusTag';
import { EmployerFieldValue } from '../../components/org/EmployerFieldValue';
import { MemberAvatar } from '../../components/org/MemberAvatar';
import { useI18n } from '../../i18n/context';
import { currentValue } from '../../org/current-value';
import { useOrg } from '../../org/org-context';
import { useFieldLabel } from '../../org/use-field-label';
import { useOrgChange } from '../../org/use-org-change';

type Filter = CorrectionStatus | 'all';

/** Admin console › Corrections: members' requests to correct their records; approve, or reject with a reason. */
export default function CorrectionQueuePage() {
  const { t, formatDateTime } = useI18n();
  const org = useOrg();
  const label = useFieldLabel();
  const [filter, setFilter] = useState<Filter>('pending');
  const [rejecting, setRejecting] = useState<Correction | null>(null);
  const corrections = useCorrections(org.id, 'all', filter === 'all' ? '' : filter);
  const members = useMembers(org.id);
  const approve = useOrgChange(org.id, (correction: Correction) => approveCorrection(org.id, correction.id), 'queue.approved');
  const memberOf = (id: string) => members.data?.find((member) => member.id === id);

  const columns: TableColumnsType<Correction> = [
    {
      key: 'member',
      title: t('queue.member'),
      width: 190,
      render: (_, correction) => {
        const member = memberOf(correction.memberId);
        return (
          <Flex align="center" gap={8}>
            {member && <MemberAvatar member={member} size={28} />}
            <Flex vertical>
              {member ? <span>{member.name}</span> : <Typography.Text type="secondary">{t('common.removed')}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(correction.createdAt)}
              </Typography.Text>
            </Flex>
          </Flex>
        );
      },
    },
    { key: 'field', title: t('correction.field'), width: 100, render: (_, correction) => label(correction.field) },
    {
      key: 'change',
      title: t('queue.change'),
      render: (_, correction) => (
        <Flex align="center" gap={8} wrap>
          <Typography.Text type="secondary" delete={correction.status === 'pending'}>
            <EmployerFieldValue field={correction.field} value={currentValue(memberOf(correction.memberId), correction.field)} />
          </Typography.Text>
          <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
          <Typography.Text strong data-testid="queue-proposed">
            <EmployerFieldValue field={correction.field} value={correction.proposedValue} />
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'note', title: t('correction.note'), render: (_, correction) => correction.note ?? '' },
    ...(filter === 'pending'
      ? []
      : [
          {
            key: 'status',
            title: t('correction.status'),
            render: (_: unknown, correction: Correction) => (
              <Space orientation="vertical" size={2}>
                <CorrectionStatusTag status={correction.status} />
                {correction.decisionReason && <Typography.Text type="secondary">{correction.decisionReason}</Typography.Text>}
              </Space>
            ),
          },
        ]),
    {
      key: 'actions',
      title: '',
      fixed: 'right',
      width: 180,
      render: (_, correction) =>
        correction.status === 'pending' && (
          <Space size={4}>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              loading={approve.isPending && approve.variables.id === correction.id}
              onClick={() => approve.mutate(correction)}
              data-testid="correction-approve"
            >
              {t('queue.approve')}
            </Button>
            <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(correction)} data-testid="correction-reject">
              {t('queue.reject')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <Card>
      <PageHeading
        title={t('admin.nav.corrections')}
        subtitle={t('queue.subtitle')}
        extra={
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            data-testid="queue-filter"
            options={(['pending', 'approved', 'rejected', 'all'] as const).map((value) => ({ value, label: value === 'all' ? t('queue.all') : t(`correctionStatus.${value}`) }))}
          />
        }
      />
      {corrections.isError ? (
        <QueryFailure error={corrections.error} onRetry={() => void corrections.refetch()} />
      ) : (
        <Table<Correction>
          rowKey="id"
          size="middle"
          loading={corrections.isPending}
          dataSource={[...(corrections.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
          columns={columns}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: filter === 'pending' ? t('queue.nonePending') : t('queue.none') }}
          onRow={(correction) => ({ 'data-testid': 'correction-row', 'data-correction-id': correction.id, 'data-status': correction.status }) as HTMLAttributes<HTMLElement>}
        />
      )}
      <RejectCorrectionModal correction={rejecting} onClose={() => setRejecting(null)} />
    </Card>
  );
}
