import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { queryKeys } from '../api/query-keys';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages.zh-CN';

/**
 * Runs an admin's (or member's) change to an organisation, says so, and refreshes everything the
 * organisation shows: one edit can move names, departments and superiors on several pages.
 */
export function useOrgChange<Input, Output>(orgId: string, change: (input: Input) => Promise<Output>, successKey?: MessageKey) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      if (successKey) message.success(t(successKey));
      await queryClient.invalidateQueries({ queryKey: queryKeys.organisation(orgId) });
    },
    onError: (error) => message.error(errorText(error, t)),
  });
}
