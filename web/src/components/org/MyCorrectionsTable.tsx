import { Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useCorrections, type Correction } from '../../api/corrections';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { useFieldLabel } from '../../org/use-field-label';
import { QueryFailure } from '../QueryFailure';
import { CorrectionStatusTag } from './CorrectionStatusTag';
import { EmployerFieldValue } from './EmployerFieldValue';

/** My correction requests, newest first, with the admin's reason when one was rejected. */
export function MyCorrectionsTable() {
  const { t, formatDateTime } = useI18n();
  const org = useOrg();
  const label = useFieldLabel();
  const corrections = useCorrections(org.id, 'mine');
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const columns: TableColumnsType<Correction> = [
    { key: 'createdAt', title: t('correction.requestedAt'), dataIndex: 'createdAt', width: 170, render: (iso: string) => formatDateTime(iso) },
    { key: 'field', title: t('correction.field'), dataIndex: 'field', render: (field: string) => label(field) },
    {
      key: 'proposed',
      title: t('correction.proposed'),
      render: (_, correction) => (
        <span data-testid="my-correction-proposed">
          <EmployerFieldValue field={correction.field} value={correction.proposedValue} />
        </span>
      ),
    },
    { key: 'note', title: t('correction.note'), dataIndex: 'note', render: (note: string | null) => note ?? none },
    { key: 'status', title: t('correction.status'), dataIndex: 'status', render: (status: Correction['status']) => <CorrectionStatusTag status={status} /> },
    {
      key: 'decision',
      title: t('correction.decision'),
      render: (_, correction) =>
        correction.status === 'pending' ? (
          none
        ) : (
          <>
            {correction.decisionReason && (
              <div data-testid="my-correction-reason">{t('correction.reason', { reason: correction.decisionReason })}</div>
            )}
            <Typography.Text type="secondary">{formatDateTime(correction.decidedAt)}</Typography.Text>
          </>
        ),
    },
  ];

  if (corrections.isError) return <QueryFailure error={corrections.error} onRetry={() => void corrections.refetch()} />;
  return (
    <Table<Correction>
      rowKey="id"
      size="middle"
      loading={corrections.isPending}
      dataSource={[...(corrections.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
      columns={columns}
      scroll={{ x: 760 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('correction.noneYet') }}
      onRow={(correction) => ({ 'data-testid': 'my-correction-row', 'data-status': correction.status }) as HTMLAttributes<HTMLElement>}
    />
  );
}
