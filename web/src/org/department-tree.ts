import type { Department } from '../api/departments';

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

const byName = (a: DepartmentNode, b: DepartmentNode) => a.department.name.localeCompare(b.department.name, 'zh-CN');

/**
 * The flat list as a tree. A department whose parent is missing (deleted in between) is shown
 * at the top rather than lost.
 */
export function departmentTree(departments: Department[]): DepartmentNode[] {
  const nodes = new Map(departments.map((department) => [department.id, { department, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.department.parentId ? nodes.get(node.department.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort(byName);
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/** The department and everything under it: where it cannot be moved to. */
export function selfAndDescendants(departments: Department[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (department.parentId && found.has(department.parentId) && !found.has(department.id)) {
        found.add(department.id);
        grew = true;
      }
    }
  }
  return found;
}

/** "Engineering / Platform": the name with its ancestors, for places that show one department out of context. */
export function departmentPath(departments: Department[], id: string | null): string {
  if (!id) return '';
  const byId = new Map(departments.map((department) => [department.id, department]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let cursor = byId.get(id); cursor && !seen.has(cursor.id); cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined) {
    seen.add(cursor.id);
    names.unshift(cursor.name);
  }
  return names.join(' / ');
}
