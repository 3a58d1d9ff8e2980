import { ApartmentOutlined, DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Skeleton, Space, Tooltip, Tree, Typography, type TreeDataNode } from 'antd';
import { useState } from 'react';
import { deleteDepartment, useDepartments, type Department } from '../../api/departments';
import { useMembers } from '../../api/members';
import { DepartmentEditModal, type DepartmentEdit } from '../../components/admin/DepartmentEditModal';
import { PageHeading } from '../../components/PageHeading';
import { QueryFailure } from '../../components/QueryFailure';
import { useI18n } from '../../i18n/context';
import { departmentTree, type DepartmentNode } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';

/** Admin console › Departments: the tree, with create, rename, move and delete on each node. */
export default function AdminDepartmentsPage() {
  const { t } = useI18n();
  const org = useOrg();
  const departments = useDepartments(org.id);
  const members = useMembers(org.id);
  const [edit, setEdit] = useState<DepartmentEdit | null>(null);
  // a department that is not empty answers 409 with the reason; useOrgChange shows it as it came
  const remove = useOrgChange(org.id, (department: Department) => deleteDepartment(org.id, department.id), 'departments.deleted');

  const counts = new Map<string, number>();
  for (const member of members.data ?? []) if (member.departmentId) counts.set(member.departmentId, (counts.get(member.departmentId) ?? 0) + 1);

  const actions = (department: Department) => (
    <Space size={0} onClick={(event) => event.stopPropagation()}>
      <Tooltip title={t('departments.addChild')}>
        <Button type="text" size="small" icon={<PlusOutlined />} aria-label={t('departments.addChild')} onClick={() => setEdit({ kind: 'create', parentId: department.id })} data-testid="department-add-child" />
      </Tooltip>
      <Tooltip title={t('departments.rename')}>
        <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('departments.rename')} onClick={() => setEdit({ kind: 'rename', department })} data-testid="department-rename" />
      </Tooltip>
      <Tooltip title={t('departments.move')}>
        <Button type="text" size="small" icon={<DragOutlined />} aria-label={t('departments.move')} onClick={() => setEdit({ kind: 'move', department })} data-testid="department-move" />
      </Tooltip>
      <Popconfirm
        title={t('departments.deleteConfirm', { name: department.name })}
        description={t('departments.deleteHint')}
        okText={t('departments.delete')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove.mutateAsync(department).catch(() => undefined)}
      >
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('departments.delete')} data-testid="department-delete" />
      </Popconfirm>
    </Space>
  );

  const toData = (nodes: DepartmentNode[]): TreeDataNode[] =>
    nodes.map((node) => ({
      key: node.department.id,
      title: (
        <Flex justify="space-between" align="center" gap={12} data-testid="department-node" data-department-id={node.department.id}>
          <Space size={8}>
            <ApartmentOutlined style={{ color: '#1f5fbf' }} />
            <Typography.Text data-testid="department-node-name">{node.department.name}</Typography.Text>
            <Typography.Text type="secondary">{t('chart.people', { count: counts.get(node.department.id) ?? 0 })}</Typography.Text>
          </Space>
          {actions(node.department)}
        </Flex>
      ),
      children: toData(node.children),
    }));

  return (
    <Card>
      <PageHeading
        title={t('admin.nav.departments')}
        subtitle={t('departments.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'create', parentId: null })} data-testid="department-new">
            {t('departments.create')}
          </Button>
        }
      />
      {departments.isError ? (
        <QueryFailure error={departments.error} onRetry={() => void departments.refetch()} />
      ) : departments.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : departments.data.length === 0 ? (
        <Empty description={t('departments.none')} />
      ) : (
        // keyed by the set of departments so that a new one shows up expanded
        <Tree key={departments.data.map((department) => department.id).join()} blockNode showLine selectable={false} defaultExpandAll treeData={toData(departmentTree(departments.data))} />
      )}
      <DepartmentEditModal edit={edit} departments={departments.data ?? []} onClose={() => setEdit(null)} />
    </Card>
  );
}
