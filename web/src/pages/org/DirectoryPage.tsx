import { Card, Col, Flex, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDepartments } from '../../api/departments';
import { useMembers, type Member } from '../../api/members';
import { isAdminRole } from '../../api/organisations';
import { QueryFailure } from '../../components/QueryFailure';
import { SearchBox } from '../../components/SearchBox';
import { ContactReveal } from '../../components/org/ContactReveal';
import { DepartmentFilterTree } from '../../components/org/DepartmentFilterTree';
import { MemberAvatar } from '../../components/org/MemberAvatar';
import { MemberProfileDrawer } from '../../components/org/MemberProfileDrawer';
import { RoleTag } from '../../components/org/RoleTag';
import { WorkStatusTag } from '../../components/org/WorkStatusTag';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';
import { useProfileParam } from '../../org/use-profile-param';

/** The directory: departments on the left, the people in the chosen one on the right, a profile in a drawer. */
export default function DirectoryPage() {
  const { t } = useI18n();
  const org = useOrg();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const departmentId = params.get('department') ?? '';
  const profile = useProfileParam();
  const departments = useDepartments(org.id);
  const everyone = useMembers(org.id);
  const members = useMembers(org.id, { q, departmentId });
  const departmentList = departments.data ?? [];

  const setFilter = (name: 'q' | 'department', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<Member> = [
    {
      key: 'name',
      title: t('field.name'),
      render: (_, member) => (
        <Flex align="center" gap={10}>
          <MemberAvatar member={member} size={32} />
          <Space size={4} wrap>
            <Typography.Link onClick={() => profile.open(member.id)} data-testid="directory-member-name">
              {member.name}
            </Typography.Link>
            <RoleTag role={member.role} />
          </Space>
        </Flex>
      ),
    },
    { key: 'position', title: t('field.position'), dataIndex: 'position', render: (position: string | null) => position ?? '' },
    { key: 'department', title: t('field.departmentId'), render: (_, member) => departmentPath(departmentList, member.departmentId) },
    { key: 'status', title: t('field.workStatus'), render: (_, member) => <WorkStatusTag status={member.workStatus} /> },
    { key: 'contact', title: t('directory.contact'), render: (_, member) => <ContactReveal key={member.id} member={member} /> },
  ];

  const chosen = departmentList.find((department) => department.id === departmentId);
  const visibility = isAdminRole(org.myRole) ? t('directory.contactHintAdmin') : org.contactVisibility === 'full' ? t('directory.contactHintFull') : t('directory.contactHintMasked');

  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} md={8} lg={6}>
        <Card size="small" title={t('directory.departments')} styles={{ body: { paddingInline: 8 } }}>
          {departments.isError ? (
            <QueryFailure error={departments.error} onRetry={() => void departments.refetch()} />
          ) : (
            departments.data &&
            everyone.data && (
              <DepartmentFilterTree departments={departmentList} members={everyone.data} selected={departmentId} onSelect={(id) => setFilter('department', id)} />
            )
          )}
        </Card>
      </Col>
      <Col xs={24} md={16} lg={18}>
        <Card>
          <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
            <div>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {chosen ? departmentPath(departmentList, chosen.id) : t('directory.everyone')}
              </Typography.Title>
              <Typography.Text type="secondary">{visibility}</Typography.Text>
            </div>
            <SearchBox value={q} placeholder={t('directory.searchPlaceholder')} testId="directory-search" width={280} onSearch={(text) => setFilter('q', text)} />
          </Flex>
          {members.isError ? (
            <QueryFailure error={members.error} onRetry={() => void members.refetch()} />
          ) : (
            <Table<Member>
              rowKey="id"
              size="middle"
              loading={members.isPending}
              dataSource={members.data ?? []}
              columns={columns}
              scroll={{ x: 760 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: q ? t('directory.noMatch') : t('directory.empty') }}
              style={{ opacity: members.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }}
              onRow={(member) => ({ 'data-testid': 'directory-row', 'data-member-id': member.id }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </Card>
      </Col>
      <MemberProfileDrawer memberId={profile.memberId} onClose={profile.close} onOpenMember={profile.open} />
    </Row>
  );
}
