import { Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useDepartments } from '../../api/departments';
import { useOrgInvitations, withdrawInvitation, type PendingInvitation } from '../../api/invitations';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';
import { QueryFailure } from '../QueryFailure';

/** Invitations not yet accepted: open ones can be withdrawn; declined ones stay visible as the answer given. */
export function PendingInvitationsTable() {
  const { t, formatDateTime } = useI18n();
  const org = useOrg();
  const invitations = useOrgInvitations(org.id);
  const departments = useDepartments(org.id);
  const withdraw = useOrgChange(org.id, (invitation: PendingInvitation) => withdrawInvitation(org.id, invitation.id), 'adminInvite.withdrawn');

  const columns: TableColumnsType<PendingInvitation> = [
    { key: 'name', title: t('field.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      key: 'contact',
      title: t('directory.contact'),
      render: (_, invitation) => [invitation.workEmailMasked, invitation.workPhoneMasked].filter(Boolean).join(' · '),
    },
    { key: 'department', title: t('field.departmentId'), render: (_, invitation) => departmentPath(departments.data ?? [], invitation.departmentId) },
    {
      key: 'status',
      title: t('adminInvite.status'),
      render: (_, invitation) => (
        <Tag color={invitation.status === 'invited' ? 'processing' : 'default'} data-testid="pending-invitation-status">
          {t(`invitationStatus.${invitation.status}`)}
        </Tag>
      ),
    },
    { key: 'invitedAt', title: t('adminInvite.invitedAt'), render: (_, invitation) => formatDateTime(invitation.invitedAt) },
    { key: 'respondedAt', title: t('adminInvite.respondedAt'), render: (_, invitation) => formatDateTime(invitation.respondedAt) },
    {
      key: 'actions',
      title: '',
      align: 'right',
      render: (_, invitation) =>
        invitation.status === 'invited' && (
          <Popconfirm
            title={t('adminInvite.withdrawConfirm', { name: invitation.name })}
            okText={t('adminInvite.withdraw')}
            okButtonProps={{ danger: true }}
            onConfirm={() => withdraw.mutateAsync(invitation).catch(() => undefined)}
          >
            <Button size="small" danger data-testid="invitation-withdraw">
              {t('adminInvite.withdraw')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  if (invitations.isError) return <QueryFailure error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <Table<PendingInvitation>
      rowKey="id"
      size="middle"
      loading={invitations.isPending}
      dataSource={invitations.data ?? []}
      columns={columns}
      scroll={{ x: 860 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('adminInvite.noneOpen') }}
      onRow={(invitation) => ({ 'data-testid': 'pending-invitation-row', 'data-member-id': invitation.id }) as HTMLAttributes<HTMLElement>}
    />
  );
}
