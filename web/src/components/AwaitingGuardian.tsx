import { HourglassOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { looksLikeIdentifier } from '../account/identifier-shape';
import { isApiError } from '../api/api-error';
import { correctGuardian, resendGuardianCode, type GuardianRequestState } from '../api/guardian-request';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';
import { ResendCodeButton } from './ResendCodeButton';

interface Props {
  /** the request as the sign-up (or a sign-in while waiting) answered it */
  request: GuardianRequestState;
  onDone(): void;
}

const DAY = 24 * 3600 * 1000;

/** Errors about the typed address, shown on the field rather than above the form. */
const addressErrors = new Set(['invalid_identifier', 'guardian_is_child']);

/**
 * The end of a child's sign-up, and what they see when they sign in before their guardian answered:
 * the account exists but waits, without a session, for a parent or guardian. Said plainly, with
 * where the request went and its deadline, because an unanswered request erases the account; and
 * the two things a child can do about it: send the code again, or correct a mistyped address.
 */
export function AwaitingGuardian({ request: answered, onDone }: Props) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [request, setRequest] = useState(answered);
  const [resendAt, setResendAt] = useState(() => Date.parse(answered.resendAvailableAt));
  const [correcting, setCorrecting] = useState(false);
  const [form] = Form.useForm<{ guardianIdentifier: string }>();

  const updated = (next: GuardianRequestState) => {
    setRequest(next);
    setResendAt(Date.parse(next.resendAvailableAt));
  };

  const resend = useMutation({
    mutationFn: resendGuardianCode,
    onSuccess: (next) => {
      updated(next);
      message.success(t('awaiting.resent', { target: next.maskedGuardian }));
    },
    onError: (error) => {
      if (isApiError(error) && error.retryAfterSeconds) setResendAt(Date.now() + error.retryAfterSeconds * 1000);
    },
  });

  const correct = useMutation({
    mutationFn: (fields: { guardianIdentifier: string }) => correctGuardian(fields.guardianIdentifier.trim()),
    onSuccess: (next) => {
      updated(next);
      setCorrecting(false);
      form.resetFields();
      message.success(t('awaiting.corrected', { target: next.maskedGuardian }));
    },
    onError: (error) => {
      if (isApiError(error) && addressErrors.has(error.code)) form.setFields([{ name: 'guardianIdentifier', errors: [errorText(error, t)] }]);
    },
  });

  const daysLeft = Math.max(1, Math.ceil((Date.parse(request.expiresAt) - Date.now()) / DAY));
  const failure = [resend.error, correct.error].find((error) => error && !(isApiError(error) && addressErrors.has(error.code)));
  const gone = [resend.error, correct.error].some((error) => isApiError(error, 'guardian_request_not_found'));

  return (
    <Result
      icon={<HourglassOutlined style={{ color: '#1f5fbf' }} />}
      title={t('signIn.awaitingTitle')}
      subTitle={<span data-testid="signin-awaiting-guardian">{t('signIn.awaiting', { target: request.maskedGuardian, days: daysLeft })}</span>}
      extra={
        <Flex vertical gap={16} style={{ textAlign: 'start' }}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'to', label: t('awaiting.sentTo'), children: <span data-testid="awaiting-guardian-target">{request.maskedGuardian}</span> },
              { key: 'sent', label: t('awaiting.sentAt'), children: <span data-testid="awaiting-sent-at">{formatDateTime(request.sentAt)}</span> },
              { key: 'expires', label: t('awaiting.expiresAt'), children: <span data-testid="awaiting-expires-at">{formatDateTime(request.expiresAt)}</span> },
            ]}
          />
          <Typography.Text type="secondary">{t('awaiting.expiresHint')}</Typography.Text>
          {gone ? (
            <Alert type="warning" showIcon data-testid="awaiting-gone" title={t('awaiting.gone')} />
          ) : (
            failure && <Alert type="error" showIcon data-testid="awaiting-error" title={errorText(failure, t)} />
          )}
          {!gone && (
            <Flex justify="space-between" wrap gap={8}>
              <ResendCodeButton availableAt={resendAt} loading={resend.isPending} onResend={() => resend.mutate()} testId="awaiting-resend" />
              {!correcting && (
                <Button type="link" onClick={() => setCorrecting(true)} data-testid="awaiting-correct-open" style={{ paddingInline: 0 }}>
                  {t('awaiting.correctOpen')}
                </Button>
              )}
            </Flex>
          )}
          {correcting && !gone && (
            <Form form={form} layout="vertical" requiredMark={false} onFinish={(fields) => correct.mutate(fields)}>
              <Form.Item
                name="guardianIdentifier"
                label={t('awaiting.correctLabel')}
                validateTrigger="onSubmit"
                rules={[{ validator: (_, value: string | undefined) => (looksLikeIdentifier(value ?? '') ? Promise.resolve() : Promise.reject(new Error(t('signIn.guardianInvalid')))) }]}
              >
                <Input size="large" maxLength={320} autoComplete="off" autoFocus placeholder={t('signIn.guardianPlaceholder')} data-testid="awaiting-correct-input" />
              </Form.Item>
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" loading={correct.isPending} data-testid="awaiting-correct-submit">
                  {t('awaiting.correctSubmit')}
                </Button>
                <Button onClick={() => setCorrecting(false)}>{t('awaiting.correctCancel')}</Button>
              </Flex>
            </Form>
          )}
          <Button type="primary" onClick={onDone} data-testid="signin-awaiting-done" block>
            {t('signIn.awaitingDone')}
          </Button>
        </Flex>
      }
      style={{ paddingInline: 0 }}
    />
  );
}
