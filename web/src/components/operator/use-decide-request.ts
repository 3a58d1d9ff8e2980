import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages.zh-CN';

/** An operator's decision on a request: said, and the queue refreshed (a decided request leaves "open"). */
export function useDecideRequest<Input, Output>(decide: (input: Input) => Promise<Output>, successKey: MessageKey) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: decide,
    onSuccess: () => message.success(t(successKey)),
    onError: (error) => message.error(errorText(error, t)),
    // also after a failure: "already decided" means the queue in view is out of date
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.operatorQueues }),
  });
}
