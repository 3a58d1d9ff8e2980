import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { setPermission } from '../api/permissions';
import type { PermissionFunctionKey } from '../../../common/permissions.ts';
import { queryKeys } from '../api/query-keys';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';
import { functionLabel, permissionLabel } from './permission-labels';

interface Change {
  function: PermissionFunctionKey;
  granted: boolean;
}

/** Grants or withdraws one function's permission, says so, and refreshes the switches and the history. */
export function useSetPermission() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: (change: Change) => setPermission(change.function, change.granted),
    onSuccess: async (permissions, change) => {
      queryClient.setQueryData(queryKeys.devicePermissions, { permissions });
      const permission = permissions.find((entry) => entry.functions.some((fn) => fn.function === change.function))?.permission ?? '';
      const names = { function: functionLabel(change.function, t), permission: permissionLabel(permission, t) };
      message.success(t(change.granted ? 'permissions.granted' : 'permissions.withdrawn', names));
      await queryClient.invalidateQueries({ queryKey: queryKeys.permissionHistory });
    },
    onError: (error) => message.error(errorText(error, t)),
  });
}
