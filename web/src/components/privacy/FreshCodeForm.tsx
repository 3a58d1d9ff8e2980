import { MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error';
import { requestFreshCode, type FreshChallenge, type FreshCodeProof } from '../../api/fresh-code';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { useNow } from '../../platform/use-now';
import { ResendCodeButton } from '../ResendCodeButton';

interface Props {
  /** prefix of the form's test ids: `${testId}-send-code`, `-code`, `-submit`, `-error` */
  testId: string;
  actionLabel: string;
  actionIcon?: ReactNode;
  danger?: boolean;
  /** e.g. until a confirmation box is ticked */
  actionDisabled?: boolean;
  pending: boolean;
  /** the action's last error, shown under the code */
  failure: unknown;
  onAction(proof: FreshCodeProof): void;
  /** a new code makes the action's last error moot */
  onNewChallenge(): void;
}

/** Answers that mean this code can no longer work: only a new one helps. */
const spentCodes = new Set(['otp_expired', 'otp_used', 'otp_exhausted']);

function isSpent(error: unknown): boolean {
  if (!isApiError(error)) return false;
  // attemptsLeft 0 on a wrong code: the code belongs to an older request (a newer one replaced it in this browser)
  return spentCodes.has(error.code) || (error.code === 'otp_invalid' && error.details.attemptsLeft === 0);
}

/**
 * "Send code", then the code and the action it unlocks. The server decides when another code may
 * be sent (and does not say in advance), so a refusal turns into a countdown.
 */
export function FreshCodeForm({ testId, actionLabel, actionIcon, danger, actionDisabled, pending, failure, onAction, onNewChallenge }: Props) {
  const { t, formatDateTime } = useI18n();
  const [challenge, setChallenge] = useState<FreshChallenge | null>(null);
  const [code, setCode] = useState('');
  const [sendableAt, setSendableAt] = useState(0);
  const now = useNow(sendableAt > Date.now());
  const waitSeconds = Math.max(0, Math.ceil((sendableAt - now) / 1000));

  const send = useMutation({
    mutationFn: requestFreshCode,
    onSuccess: (next) => {
      setChallenge(next);
      setCode('');
      onNewChallenge();
    },
    onError: (error) => {
      if (isApiError(error) && error.retryAfterSeconds) setSendableAt(Date.now() + error.retryAfterSeconds * 1000);
    },
  });
  // a refusal to send again so soon is said by the countdown on the button; other failures need words
  const sendFailure = send.isError && !isApiError(send.error, 'resend_too_soon') ? send.error : null;
  const spent = isSpent(failure);
  const attemptsLeft = isApiError(failure, 'otp_invalid') ? failure.details.attemptsLeft : undefined;
  const complete = /^\d{6}$/.test(code);

  if (!challenge) {
    return (
      <Flex vertical gap={12} align="start">
        <Typography.Text type="secondary">{t('freshCode.why')}</Typography.Text>
        <Button icon={<MailOutlined />} loading={send.isPending} disabled={waitSeconds > 0} onClick={() => send.mutate()} data-testid={`${testId}-send-code`}>
          {waitSeconds > 0 ? t('signIn.resendIn', { seconds: waitSeconds }) : t('freshCode.send')}
        </Button>
        {sendFailure && <Alert type="error" showIcon title={errorText(sendFailure, t)} data-testid={`${testId}-error`} />}
      </Flex>
    );
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (complete && !actionDisabled) onAction({ challengeId: challenge.challengeId, code });
      }}
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t(challenge.channel === 'sms' ? 'signIn.codeSentSms' : 'signIn.codeSentEmail', { target: challenge.maskedIdentifier })}{' '}
          <Typography.Text type="secondary">{t('signIn.codeValidUntil', { time: formatDateTime(challenge.expiresAt) })}</Typography.Text>
        </Typography.Text>
        <Flex gap={8} wrap align="center">
          <Input
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
            aria-label={t('signIn.code')}
            placeholder="000000"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            disabled={spent}
            data-testid={`${testId}-code`}
            style={{ width: 180, letterSpacing: '0.4em', fontFamily: 'monospace', fontSize: 18 }}
          />
          <Button
            type="primary"
            danger={danger}
            htmlType="submit"
            icon={actionIcon}
            loading={pending}
            disabled={!complete || spent || actionDisabled}
            data-testid={`${testId}-submit`}
          >
            {actionLabel}
          </Button>
        </Flex>
        {Boolean(failure) && (
          <Alert
            type="error"
            showIcon
            data-testid={`${testId}-error`}
            title={
              typeof attemptsLeft === 'number' && attemptsLeft > 0
                ? t('signIn.attemptsLeft', { count: attemptsLeft })
                : spent && isApiError(failure, 'otp_invalid')
                  ? t('freshCode.replaced')
                  : errorText(failure, t)
            }
            action={
              spent && (
                <Button size="small" onClick={() => send.mutate()} loading={send.isPending} disabled={waitSeconds > 0}>
                  {t('signIn.requestNew')}
                </Button>
              )
            }
          />
        )}
        {sendFailure && <Alert type="error" showIcon title={errorText(sendFailure, t)} />}
        <div>
          <ResendCodeButton availableAt={sendableAt} loading={send.isPending} onResend={() => send.mutate()} testId={`${testId}-resend`} />
        </div>
      </Flex>
    </form>
  );
}
