import { ApartmentOutlined } from '@ant-design/icons';
import { Flex, Tree, Typography, type TreeDataNode } from 'antd';
import type { Department } from '../../api/departments';
import type { Member } from '../../api/members';
import { departmentTree, type DepartmentNode } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';

interface Props {
  departments: Department[];
  members: Member[];
  /** '' for the whole organisation */
  selected: string;
  onSelect(departmentId: string): void;
}

function NodeTitle({ name, count, departmentId, root = false }: { name: string; count: number; departmentId: string; root?: boolean }) {
  return (
    <Flex justify="space-between" gap={8} data-testid="directory-department" data-department-id={departmentId}>
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontWeight: root ? 600 : undefined }}>
        {root && <ApartmentOutlined style={{ marginRight: 6, color: '#1f5fbf' }} />}
        {name}
      </span>
      <Typography.Text type="secondary">{count}</Typography.Text>
    </Flex>
  );
}

/**
 * The directory's left column: the organisation at the top, its departments below. The count is
 * of people directly in a department, which is what choosing it lists.
 */
export function DepartmentFilterTree({ departments, members, selected, onSelect }: Props) {
  const org = useOrg();
  const counts = new Map<string, number>();
  for (const member of members) if (member.departmentId) counts.set(member.departmentId, (counts.get(member.departmentId) ?? 0) + 1);

  const toData = (nodes: DepartmentNode[]): TreeDataNode[] =>
    nodes.map((node) => ({
      key: node.department.id,
      title: <NodeTitle name={node.department.name} count={counts.get(node.department.id) ?? 0} departmentId={node.department.id} />,
      children: toData(node.children),
    }));

  const treeData: TreeDataNode[] = [
    {
      key: '',
      title: <NodeTitle name={org.name} count={members.length} departmentId="" root />,
      children: toData(departmentTree(departments)),
    },
  ];

  return (
    <Tree
      blockNode
      defaultExpandAll
      selectedKeys={[selected]}
      // clicking the chosen node again would deselect it; the list should stay as it is
      onSelect={(keys) => keys.length && onSelect(String(keys[0]))}
      treeData={treeData}
    />
  );
}
