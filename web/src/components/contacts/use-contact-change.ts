import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages.zh-CN';

/**
 * My answer to a request, or removing a contact: said by the other person's name, then my contacts
 * refreshed (the page and the header badge), since either one moves a person between lists.
 */
export function useContactChange(change: (id: string) => Promise<unknown>, successKey: MessageKey, alsoRefresh?: QueryKey) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: (person: { id: string; name: string }) => change(person.id),
    onSuccess: async (_, person) => {
      message.success(t(successKey, { name: person.name }));
      if (alsoRefresh) void queryClient.invalidateQueries({ queryKey: alsoRefresh });
      await queryClient.invalidateQueries({ queryKey: queryKeys.contacts });
    },
    onError: (error) => message.error(errorText(error, t)),
  });
}
