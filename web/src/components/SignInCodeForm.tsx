import { Alert, Button, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/api-error';
import { requestCode, verifyCode, type Challenge, type Verified } from '../api/auth';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';
import { ResendCodeButton } from './ResendCodeButton';

interface Props {
  identifier: string;
  challenge: Challenge;
  onNewChallenge(challenge: Challenge): void;
  onChangeIdentifier(): void;
  onSignedIn(verified: Verified): void;
}

interface CodeFields {
  code: string;
  keepSignedIn: boolean;
  name?: string;
}

/** Codes that mean this challenge is spent: only a new code helps. */
const deadChallengeCodes = new Set(['otp_expired', 'otp_exhausted']);

/**
 * Step 2 (and 3): the code from the message, and, when the server says no account exists yet
 * (name_required), the person's name. The same code stays valid, so the form simply grows a
 * name field and is submitted again: that second submission is the sign-up.
 */
export function SignInCodeForm({ identifier, challenge, onNewChallenge, onChangeIdentifier, onSignedIn }: Props) {
  const { t, locale, formatDateTime } = useI18n();
  const [form] = Form.useForm<CodeFields>();
  const [needsName, setNeedsName] = useState(false);
  const [resendAt, setResendAt] = useState(() => Date.parse(challenge.resendAvailableAt));
  const nameInput = useRef<HTMLInputElement | null>(null);

  useEffect(() => setResendAt(Date.parse(challenge.resendAvailableAt)), [challenge]);
  useEffect(() => {
    if (needsName) nameInput.current?.focus();
  }, [needsName]);

  const verify = useMutation({
    mutationFn: (fields: CodeFields) =>
      verifyCode({
        challengeId: challenge.challengeId,
        code: fields.code.trim(),
        keepSignedIn: Boolean(fields.keepSignedIn),
        name: needsName ? fields.name?.trim() : undefined,
      }),
    onSuccess: onSignedIn,
    onError: (error) => {
      if (isApiError(error, 'name_required')) setNeedsName(true);
      if (isApiError(error, 'otp_invalid')) form.setFieldValue('code', '');
    },
  });

  const resend = useMutation({
    mutationFn: () => requestCode(identifier, locale),
    onSuccess: (next) => {
      verify.reset();
      form.setFieldValue('code', '');
      onNewChallenge(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.retryAfterSeconds) setResendAt(Date.now() + error.retryAfterSeconds * 1000);
    },
  });

  const failure = verify.error && !isApiError(verify.error, 'name_required') ? verify.error : null;
  const challengeDead = failure !== null && isApiError(failure) && deadChallengeCodes.has(failure.code);
  const attemptsLeft = isApiError(failure, 'otp_invalid') ? failure.details.attemptsLeft : undefined;

  return (
    <Form form={form} layout="vertical" requiredMark={false} initialValues={{ code: '', keepSignedIn: false }} onFinish={(fields) => verify.mutate(fields)}>
      <Typography.Paragraph>
        {t(challenge.channel === 'sms' ? 'signIn.codeSentSms' : 'signIn.codeSentEmail', { target: challenge.maskedIdentifier })}{' '}
        <Typography.Text type="secondary">{t('signIn.codeValidUntil', { time: formatDateTime(challenge.expiresAt) })}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item
        name="code"
        label={t('signIn.code')}
        validateTrigger="onSubmit"
        normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
        rules={[{ pattern: /^\d{6}$/, required: true, message: t('signIn.codeFormat') }]}
      >
        <Input
          size="large"
          autoFocus
          maxLength={6}
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="000000"
          disabled={needsName}
          data-testid="signin-code"
          style={{ letterSpacing: '0.4em', fontFamily: 'monospace', fontSize: 20 }}
        />
      </Form.Item>
      {needsName && (
        <>
          <Alert type="info" showIcon title={t('signIn.nameStep')} style={{ marginBottom: 16 }} />
          <Form.Item name="name" label={t('signIn.name')} rules={[{ required: true, whitespace: true, message: t('signIn.nameRequired') }]}>
            <Input
              size="large"
              maxLength={100}
              autoComplete="name"
              placeholder={t('signIn.namePlaceholder')}
              data-testid="signin-name"
              ref={(input) => {
                nameInput.current = input?.input ?? null;
              }}
            />
          </Form.Item>
        </>
      )}
      <Form.Item name="keepSignedIn" valuePropName="checked" extra={t('signIn.keepHint')}>
        <Checkbox data-testid="signin-keep">{t('signIn.keep')}</Checkbox>
      </Form.Item>
      {failure && (
        <Alert
          type="error"
          showIcon
          data-testid="signin-error"
          style={{ marginBottom: 16 }}
          title={typeof attemptsLeft === 'number' ? t('signIn.attemptsLeft', { count: attemptsLeft }) : errorText(failure, t)}
          action={
            challengeDead && (
              <Button size="small" onClick={() => resend.mutate()} loading={resend.isPending}>
                {t('signIn.requestNew')}
              </Button>
            )
          }
        />
      )}
      {resend.isError && <Alert type="error" showIcon title={errorText(resend.error, t)} style={{ marginBottom: 16 }} />}
      <Button type="primary" size="large" htmlType="submit" block loading={verify.isPending} disabled={challengeDead} data-testid="signin-verify">
        {needsName ? t('signIn.createAccount') : t('signIn.verify')}
      </Button>
      <Flex justify="space-between" wrap style={{ marginTop: 12 }}>
        <ResendCodeButton availableAt={resendAt} loading={resend.isPending} onResend={() => resend.mutate()} />
        <Button type="link" onClick={onChangeIdentifier} style={{ paddingInline: 0 }}>
          {t('signIn.changeIdentifier')}
        </Button>
      </Flex>
    </Form>
  );
}
