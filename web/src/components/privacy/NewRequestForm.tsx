import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { privacyRequestKinds, type PrivacyRequestKind } from '../../../../common/privacy-requests.ts';
import { submitRequest } from '../../api/privacy-requests';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { requestKindLabel } from '../../privacy/request-labels';
import { FreshCodeForm } from './FreshCodeForm';

/** The server's limit on what a person writes with a request. */
const DETAILS_MAX = 4000;

/** Where a kind is better served by something that needs no request, the way there. */
const hints: Partial<Record<PrivacyRequestKind, MessageKey>> = {
  access: 'requests.hintAccess',
  correction: 'requests.hintCorrection',
  deletion: 'requests.hintDeletion',
};

/** A new request: its kind, what the person wants in their words, and a fresh code that starts the 15 days. */
export function NewRequestForm() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PrivacyRequestKind>('access');
  const [details, setDetails] = useState('');
  // each code is used up by one request, so every request starts a fresh form
  const [round, setRound] = useState(0);
  const submit = useMutation({
    mutationFn: submitRequest,
    onSuccess: async (request) => {
      message.success(t('requests.submitted', { date: formatDateTime(request.dueAt) }));
      setDetails('');
      setRound((previous) => previous + 1);
      await queryClient.invalidateQueries({ queryKey: queryKeys.myRequests });
    },
  });
  const hint = hints[kind];

  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{t('requests.kind')}</Typography.Text>
      <Radio.Group value={kind} onChange={(event) => setKind(event.target.value as PrivacyRequestKind)} data-testid="request-kind">
        <Flex wrap gap={8}>
          {privacyRequestKinds.map((value) => (
            <Radio.Button key={value} value={value} data-testid={`request-kind-${value}`}>
              {requestKindLabel(value, t)}
            </Radio.Button>
          ))}
        </Flex>
      </Radio.Group>
      {hint && <Alert type="info" showIcon title={t(hint)} data-testid="request-kind-hint" />}
      <Input.TextArea
        value={details}
        onChange={(event) => setDetails(event.target.value)}
        aria-label={t('requests.details')}
        placeholder={t('requests.detailsPlaceholder')}
        rows={3}
        maxLength={DETAILS_MAX}
        showCount
        data-testid="request-details"
      />
      <FreshCodeForm
        key={round}
        testId="request"
        actionLabel={t('requests.submit')}
        actionIcon={<SendOutlined />}
        pending={submit.isPending}
        failure={submit.error}
        onAction={(proof) => submit.mutate({ kind, ...(details.trim() ? { details: details.trim() } : {}), ...proof })}
        onNewChallenge={() => submit.reset()}
      />
    </Flex>
  );
}
