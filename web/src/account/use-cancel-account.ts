import { useMutation } from '@tanstack/react-query';
import { createElement } from 'react';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { cancelAccount } from '../api/cancellation';
import { setCsrfToken } from '../api/csrf';
import { forgetDeviceId } from '../api/device-id';
import { useI18n } from '../i18n/context';
import { useForgetAccount } from './use-sign-out';

/**
 * Cancels the account after a fresh code. The server has already ended every session, this one
 * too, so the tab leaves the account pages and forgets the person at once, then says until when
 * signing in again would keep the account.
 */
export function useCancelAccount() {
  const { t, formatDateTime } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const forget = useForgetAccount();
  return useMutation({
    mutationFn: cancelAccount,
    onSuccess: async ({ eraseAfter, graceDays }) => {
      setCsrfToken(null);
      forgetDeviceId();
      // leave /me first: forgetting the account there would send the guard to the sign-in page
      await navigate('/', { replace: true, flushSync: true });
      forget();
      modal.success({
        title: t('cancel.doneTitle'),
        content: createElement('span', { 'data-testid': 'cancellation-done' }, t('cancel.done', { date: formatDateTime(eraseAfter), days: graceDays })),
        okText: t('cancel.doneOk'),
      });
    },
  });
}
