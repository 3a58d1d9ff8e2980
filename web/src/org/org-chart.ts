import type { Department } from '../api/departments';
import type { Member } from '../api/members';
import { departmentTree, type DepartmentNode } from './department-tree';

export interface DepartmentChartNode {
  department: Department;
  members: Member[];
  children: DepartmentChartNode[];
}

export interface ReportingNode {
  member: Member;
  reports: ReportingNode[];
}

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name, 'zh-CN');

/** Departments with their own people under each; people in no department are returned apart. */
export function departmentChart(departments: Department[], members: Member[]): { tree: DepartmentChartNode[]; unassigned: Member[] } {
  const known = new Set(departments.map((department) => department.id));
  const inDepartment = new Map<string, Member[]>();
  const unassigned: Member[] = [];
  for (const member of [...members].sort(byName)) {
    if (member.departmentId && known.has(member.departmentId)) {
      inDepartment.set(member.departmentId, [...(inDepartment.get(member.departmentId) ?? []), member]);
    } else {
      unassigned.push(member);
    }
  }
  const attach = (nodes: DepartmentNode[]): DepartmentChartNode[] =>
    nodes.map((node) => ({ department: node.department, members: inDepartment.get(node.department.id) ?? [], children: attach(node.children) }));
  return { tree: attach(departmentTree(departments)), unassigned };
}

/**
 * Superior → reports. People whose superior is not in the directory (none set, or removed) are at
 * the top. The server refuses loops, but a visited set keeps a bad record from hanging the page.
 */
export function reportingLines(members: Member[]): ReportingNode[] {
  const ids = new Set(members.map((member) => member.id));
  const reportsOf = new Map<string, Member[]>();
  const tops: Member[] = [];
  for (const member of [...members].sort(byName)) {
    if (member.supervisorId && ids.has(member.supervisorId) && member.supervisorId !== member.id) {
      reportsOf.set(member.supervisorId, [...(reportsOf.get(member.supervisorId) ?? []), member]);
    } else {
      tops.push(member);
    }
  }
  const visited = new Set<string>();
  const grow = (member: Member): ReportingNode => {
    visited.add(member.id);
    return { member, reports: (reportsOf.get(member.id) ?? []).filter((report) => !visited.has(report.id)).map(grow) };
  };
  const tree = tops.map(grow);
  // anyone left is in a loop with no way in from the top: show them at the top rather than not at all
  for (const member of members) if (!visited.has(member.id)) tree.push(grow(member));
  return tree;
}
