import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useAccount } from '../api/account';
import { markNoticeRead, useNotices } from '../api/notices';
import { queryKeys } from '../api/query-keys';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

/** The signed-in person's notices; nothing is fetched for a visitor. */
export function useAccountNotices() {
  const account = useAccount();
  return useNotices(Boolean(account.data));
}

export function useUnreadNotices() {
  const notices = useAccountNotices();
  return (notices.data ?? []).filter((notice) => !notice.readAt);
}

export function useMarkNoticeRead() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: markNoticeRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notices }),
    onError: (error) => message.error(errorText(error, t)),
  });
}
