import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** The server sends the tree flat, each department naming its parent. */
export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: string;
}

const departmentsPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/departments`;

export function useDepartments(orgId: string) {
  return useQuery({
    queryKey: queryKeys.departments(orgId),
    queryFn: () => api.get<{ departments: Department[] }>(departmentsPath(orgId)),
    select: (answer) => answer.departments,
    staleTime: 30_000,
  });
}

export function createDepartment(orgId: string, input: { name: string; parentId: string | null }) {
  return api.post<{ department: Department }>(departmentsPath(orgId), input).then((answer) => answer.department);
}

export function updateDepartment(orgId: string, departmentId: string, changes: { name?: string; parentId?: string | null }) {
  return api
    .patch<{ department: Department }>(`${departmentsPath(orgId)}/${encodeURIComponent(departmentId)}`, changes)
    .then((answer) => answer.department);
}

export function deleteDepartment(orgId: string, departmentId: string) {
  return api.delete<void>(`${departmentsPath(orgId)}/${encodeURIComponent(departmentId)}`);
}
