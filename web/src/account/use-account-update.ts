import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { Account } from '../api/account';
import { queryKeys } from '../api/query-keys';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

/** Runs a change to the account and puts the server's answer straight into the cache. */
export function useAccountUpdate<Input>(change: (input: Input) => Promise<Account>, successKey: Parameters<ReturnType<typeof useI18n>['t']>[0]) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: change,
    onSuccess: (account) => {
      queryClient.setQueryData(queryKeys.me, account);
      message.success(t(successKey));
    },
    onError: (error) => message.error(errorText(error, t)),
  });
}
