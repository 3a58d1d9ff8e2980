import { TreeSelect } from 'antd';
import { useDepartments, type Department } from '../../api/departments';
import { departmentTree, type DepartmentNode } from '../../org/department-tree';
import { useI18n } from '../../i18n/context';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

function toOptions(nodes: DepartmentNode[], excluded: Set<string>): TreeOption[] {
  return nodes.map((node) => ({
    value: node.department.id,
    title: node.department.name,
    disabled: excluded.has(node.department.id),
    children: toOptions(node.children, excluded),
  }));
}

interface Props {
  orgId: string;
  value?: string | null;
  onChange?(departmentId: string | null): void;
  /** departments that cannot be chosen, e.g. a department and its own sub-departments when moving it */
  excluded?: Set<string>;
  placeholder?: string;
  testId?: string;
  /** departments already loaded by the page, to avoid a second source of truth while editing */
  departments?: Department[];
}

/** Picks a department from the tree; clearing it means "no department" (or "top level"). */
export function DepartmentSelect({ orgId, value, onChange, excluded = new Set(), placeholder, testId, departments }: Props) {
  const { t } = useI18n();
  const loaded = useDepartments(orgId);
  const list = departments ?? loaded.data ?? [];
  return (
    <TreeSelect
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      treeData={toOptions(departmentTree(list), excluded)}
      treeDefaultExpandAll
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={loaded.isPending && !departments}
      placeholder={placeholder ?? t('field.departmentId')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
