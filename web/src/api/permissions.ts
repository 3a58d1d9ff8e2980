import { useQuery } from '@tanstack/react-query';
import type { DevicePermission, PermissionFunctionKey } from '../../../common/permissions.ts';
import type { Localized } from '../i18n/locales';
import { api, request } from './client';
import { queryKeys } from './query-keys';

/** One function of Lockstep that uses a device permission, with the purpose shown before granting it. */
export interface PermissionFunctionState {
  function: PermissionFunctionKey;
  purpose: Localized;
  /** what a withdrawal deletes of what the function kept */
  withdrawal: Localized;
  granted: boolean;
  /** when the current grant was given; null while off */
  since: string | null;
}

/** A device permission and the functions that may use it: none of them on until I grant it (P0.3). */
export interface DevicePermissionState {
  permission: DevicePermission;
  functions: PermissionFunctionState[];
}

/** Kept as plain strings: the history may name a function this client no longer (or not yet) knows. */
export interface ConsentHistoryEntry {
  permission: string;
  function: string;
  action: 'grant' | 'withdraw';
  /** the privacy policy in force when I decided; null before any was published */
  policyVersionId: string | null;
  at: string;
}

interface PermissionsAnswer {
  permissions: DevicePermissionState[];
}

export function useDevicePermissions() {
  return useQuery({
    queryKey: queryKeys.devicePermissions,
    queryFn: () => api.get<PermissionsAnswer>('/api/me/permissions'),
    select: (answer) => answer.permissions,
  });
}

/** Every grant and withdrawal of mine, newest first. */
export function usePermissionHistory() {
  return useQuery({
    queryKey: queryKeys.permissionHistory,
    queryFn: () => api.get<{ history: ConsentHistoryEntry[] }>('/api/me/permissions/history'),
    select: (answer) => answer.history,
  });
}

/** Grants or withdraws one function's permission; the answer is the new state of them all. */
export function setPermission(functionKey: PermissionFunctionKey, granted: boolean) {
  return request<PermissionsAnswer>('PUT', `/api/me/permissions/${encodeURIComponent(functionKey)}`, { json: { granted } }).then((answer) => answer.permissions);
}
