import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { signOut } from '../api/auth';
import { queryKeys } from '../api/query-keys';
import { forgetChats } from '../chat/forget';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

/** Forgets everything personal that this tab has cached, whether or not the server could be told. */
export function useForgetAccount() {
  const queryClient = useQueryClient();
  return () => {
    forgetChats();
    queryClient.setQueryData(queryKeys.me, null);
    queryClient.removeQueries({ queryKey: queryKeys.personal });
  };
}

export function useSignOut() {
  const forget = useForgetAccount();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useI18n();
  return async () => {
    try {
      await signOut();
      message.success(t('header.signedOut'));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      // leave the page first: forgetting the account while still on /me would trigger its guard
      await navigate('/', { flushSync: true });
      forget();
    }
  };
}
