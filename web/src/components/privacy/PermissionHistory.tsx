import { Table, Tag, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { usePermissionHistory, type ConsentHistoryEntry } from '../../api/permissions';
import { usePolicyVersions } from '../../api/policy';
import { useI18n } from '../../i18n/context';
import { functionLabel, permissionLabel } from '../../privacy/permission-labels';
import { QueryFailure } from '../QueryFailure';

/**
 * The record of every grant and withdrawal, newest first: who decided (only ever the person: no
 * one grants for them), what, when, how, and under which version of the privacy policy.
 */
export function PermissionHistory() {
  const { t, formatDateTime } = useI18n();
  const history = usePermissionHistory();
  const versions = usePolicyVersions();
  const labelOf = (versionId: string | null) => {
    if (!versionId) return t('permissions.noPolicy');
    const label = versions.data?.find((version) => version.id === versionId)?.label;
    return label ? t('permissions.policyLabel', { label }) : versionId;
  };

  const columns: TableColumnsType<ConsentHistoryEntry> = [
    { key: 'when', title: t('permissions.when'), width: 170, render: (_, entry) => formatDateTime(entry.at) },
    { key: 'who', title: t('permissions.who'), width: 90, render: () => t('permissions.you') },
    {
      key: 'what',
      title: t('permissions.what'),
      render: (_, entry) => `${permissionLabel(entry.permission, t)} · ${functionLabel(entry.function, t)}`,
    },
    {
      key: 'how',
      title: t('permissions.how'),
      width: 150,
      render: (_, entry) =>
        entry.action === 'grant' ? <Tag color="green">{t('permissions.grantAction')}</Tag> : <Tag>{t('permissions.withdrawAction')}</Tag>,
    },
    { key: 'policy', title: t('permissions.policy'), width: 130, render: (_, entry) => <span data-testid="permission-history-policy">{labelOf(entry.policyVersionId)}</span> },
  ];

  if (history.isError) return <QueryFailure error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <Table<ConsentHistoryEntry>
      rowKey={(entry) => `${entry.at}-${entry.function}-${entry.action}`}
      size="small"
      loading={history.isPending}
      dataSource={history.data ?? []}
      columns={columns}
      scroll={{ x: 640 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('permissions.historyEmpty') }}
      data-testid="permission-history"
      onRow={(entry) => ({ 'data-testid': 'permission-history-row', 'data-action': entry.action, 'data-function': entry.function }) as HTMLAttributes<HTMLElement>}
    />
  );
}
