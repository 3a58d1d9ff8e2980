import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDepartments } from '../../api/departments';
import { removeMember, useMembers, type Member } from '../../api/members';
import { MemberEditDrawer } from '../../components/admin/MemberEditDrawer';
import { PageHeading } from '../../components/PageHeading';
import { QueryFailure } from '../../components/QueryFailure';
import { SearchBox } from '../../components/SearchBox';
import { ContactReveal } from '../../components/org/ContactReveal';
import { MemberAvatar } from '../../components/org/MemberAvatar';
import { RoleTag } from '../../components/org/RoleTag';
import { WorkStatusTag } from '../../components/org/WorkStatusTag';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';

/** Admin console › Members: every active member, their record and role, edit and remove. */
export default function AdminMembersPage() {
  const { t } = useI18n();
  const org = useOrg();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Member | null>(null);
  const members = useMembers(org.id, { q });
  const everyone = useMembers(org.id);
  const departments = useDepartments(org.id);
  const remove = useOrgChange(org.id, (member: Member) => removeMember(org.id, member.id), 'adminMembers.removed');

  const nameOf = (id: string | null) => (id ? (everyone.data?.find((member) => member.id === id)?.name ?? '') : '');
  // the policy as the server applies it: nobody but the owner touches the owner, and only the owner removes admins
  const mayEdit = (member: Member) => member.role !== 'owner' || org.myRole === 'owner';
  const mayRemove = (member: Member) => member.role !== 'owner' && member.id !== org.myMemberId && (org.myRole === 'owner' || member.role === 'member');

  const columns: TableColumnsType<Member> = [
    {
      key: 'name',
      title: t('adminMembers.member'),
      fixed: 'left',
      width: 210,
      render: (_, member) => (
        <Flex align="center" gap={10}>
          <MemberAvatar member={member} size={36} />
          <Flex vertical style={{ minWidth: 0 }}>
            <Space size={4}>
              <Typography.Text strong data-testid="admin-member-name">
                {member.name}
              </Typography.Text>
              <RoleTag role={member.role} />
            </Space>
            <Typography.Text type="secondary" ellipsis data-testid="admin-member-position">
              {member.position ?? ''}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    {
      key: 'department',
      title: t('adminMembers.placement'),
      width: 190,
      render: (_, member) => (
        <Flex vertical>
          <span>{departmentPath(departments.data ?? [], member.departmentId)}</span>
          {member.supervisorId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('adminMembers.reportsTo', { name: nameOf(member.supervisorId) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'status', title: t('field.workStatus'), width: 100, render: (_, member) => <WorkStatusTag status={member.workStatus} /> },
    { key: 'contact', title: t('directory.contact'), width: 300, render: (_, member) => <ContactReveal key={member.id} member={member} /> },
    {
      key: 'actions',
      title: '',
      fixed: 'right',
      width: 140,
      render: (_, member) => (
        <Space size={0}>
          <Button size="small" type="link" icon={<EditOutlined />} disabled={!mayEdit(member)} onClick={() => setEditing(member)} data-testid="member-edit">
            {t('adminMembers.edit')}
          </Button>
          <Popconfirm
            title={t('adminMembers.removeTitle', { name: member.name })}
            description={t('adminMembers.removeConfirm')}
            okText={t('adminMembers.remove')}
            okButtonProps={{ danger: true }}
            disabled={!mayRemove(member)}
            onConfirm={() => remove.mutateAsync(member).catch(() => undefined)}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} disabled={!mayRemove(member)} data-testid="member-remove">
              {t('adminMembers.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <PageHeading
        title={t('admin.nav.members')}
        subtitle={t('adminMembers.subtitle', { count: everyone.data?.length ?? 0 })}
        extra={
          <Flex gap={8} wrap>
            <SearchBox value={q} placeholder={t('directory.searchPlaceholder')} testId="admin-member-search" width={240} onSearch={setQ} />
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate(`/org/${encodeURIComponent(org.id)}/admin/invitations`)} data-testid="admin-invite-link">
              {t('adminMembers.invite')}
            </Button>
          </Flex>
        }
      />
      {members.isError ? (
        <QueryFailure error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <Table<Member>
          rowKey="id"
          size="middle"
          loading={members.isPending}
          dataSource={members.data ?? []}
          columns={columns}
          scroll={{ x: 950 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('directory.noMatch') }}
          onRow={(member) => ({ 'data-testid': 'admin-member-row', 'data-member-id': member.id }) as HTMLAttributes<HTMLElement>}
        />
      )}
      <MemberEditDrawer member={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
