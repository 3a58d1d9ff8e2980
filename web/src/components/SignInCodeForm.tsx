import { Alert, Button, Checkbox, Flex, Form, Input, Typography, type InputRef } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { birthDateOf, needsGuardian, type BirthDateParts } from '../account/birth-date';
import { isApiError } from '../api/api-error';
import { isAwaitingGuardian, requestCode, verifyCode, type AwaitingGuardian, type Challenge, type Verified, type VerifyInput } from '../api/auth';
import { usePolicyInForce } from '../api/policy';
import { queryKeys } from '../api/query-keys';
import type { Locale } from '../i18n/locales';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';
import { ResendCodeButton } from './ResendCodeButton';
import { SignUpFields } from './SignUpFields';

interface Props {
  identifier: string;
  challenge: Challenge;
  onNewChallenge(challenge: Challenge): void;
  onChangeIdentifier(): void;
  onSignedIn(verified: Verified): void;
  /** a child's sign-up was sent to their guardian (or is still waiting for them): no session until they consent */
  onAwaitingGuardian(request: AwaitingGuardian): void;
}

interface CodeFields {
  code: string;
  keepSignedIn: boolean;
  name?: string;
  birthDate?: BirthDateParts;
  guardianIdentifier?: string;
  acceptPolicy?: boolean;
}

/** Codes that mean this challenge is spent: only a new code helps. */
const deadChallengeCodes = new Set(['otp_expired', 'otp_exhausted']);

/** Answers that ask for more of the sign-up rather than report a failure: the form grows instead. */
const signUpSteps = new Set(['name_required', 'guardian_required']);

/** The server's word on a field of the sign-up, shown on that field. */
const fieldOfError: Record<string, keyof CodeFields> = {
  birth_date_required: 'birthDate',
  birth_date_invalid: 'birthDate',
  birth_date_in_future: 'birthDate',
  // the child's own address was checked when the code was sent: this one is the guardian's
  invalid_identifier: 'guardianIdentifier',
  guardian_is_child: 'guardianIdentifier',
  // the policy shown is not (or no longer) the one in force: the page shows that one, unticked
  policy_acceptance_required: 'acceptPolicy',
  policy_version_outdated: 'acceptPolicy',
};

/**
 * The sign-up's part of the request: a guardian's address only while the form asks for one; the
 * policy version shown only once its box is ticked, with the language it was shown in.
 */
function signUpDetails(
  fields: CodeFields,
  asksGuardian: boolean,
  policyVersionId: string | undefined,
  locale: Locale,
): Pick<VerifyInput, 'name' | 'birthDate' | 'guardianIdentifier' | 'acceptedPolicyVersionId' | 'locale'> {
  return {
    name: fields.name?.trim(),
    birthDate: birthDateOf(fields.birthDate) ?? undefined,
    guardianIdentifier: asksGuardian ? fields.guardianIdentifier?.trim() : undefined,
    acceptedPolicyVersionId: fields.acceptPolicy ? policyVersionId : undefined,
    locale,
  };
}

/**
 * Step 2 (and 3): the code from the message, and, when the server says no account exists yet
 * (name_required), the person's name and date of birth (both required) and the acceptance of the
 * privacy policy in force. The same code stays valid, so the form
 * simply grows those fields and is submitted again: that second submission is the sign-up. A date
 * of birth under 14 grows it once more, by the guardian's address (P11.1).
 */
export function SignInCodeForm({ identifier, challenge, onNewChallenge, onChangeIdentifier, onSignedIn, onAwaitingGuardian }: Props) {
  const { t, locale, formatDateTime } = useI18n();
  const [form] = Form.useForm<CodeFields>();
  const queryClient = useQueryClient();
  const policy = usePolicyInForce();
  const [needsName, setNeedsName] = useState(false);
  // the server's word wins over the page's arithmetic, e.g. when this device's clock is off around a birthday
  const [guardianRequired, setGuardianRequired] = useState(false);
  const [resendAt, setResendAt] = useState(() => Date.parse(challenge.resendAvailableAt));
  const nameInput = useRef<InputRef | null>(null);
  const birthDate = birthDateOf(Form.useWatch('birthDate', form));
  const asksGuardian = needsName && (guardianRequired || needsGuardian(birthDate));

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
        ...(needsName ? signUpDetails(fields, asksGuardian, policy.data?.id, locale) : {}),
      }),
    onSuccess: (answer) => (isAwaitingGuardian(answer) ? onAwaitingGuardian(answer) : onSignedIn(answer)),
    onError: (error) => {
      if (isApiError(error, 'name_required')) setNeedsName(true);
      if (isApiError(error, 'guardian_required')) setGuardianRequired(true);
      if (isApiError(error, 'otp_invalid')) form.setFieldValue('code', '');
      if (isApiError(error, 'policy_version_outdated') || isApiError(error, 'policy_acceptance_required')) {
        form.setFieldValue('acceptPolicy', false);
        void queryClient.invalidateQueries({ queryKey: queryKeys.policyInForce });
      }
      const field = isApiError(error) && needsName && Object.hasOwn(fieldOfError, error.code) ? fieldOfError[error.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [field === 'guardianIdentifier' && isApiError(error, 'invalid_identifier') ? t('signIn.guardianInvalid') : errorText(error, t)] }]);
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

  const error = verify.error;
  const shownOnField = isApiError(error) && needsName && Object.hasOwn(fieldOfError, error.code);
  const failure = error && !(isApiError(error) && signUpSteps.has(error.code)) && !shownOnField ? error : null;
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
      {needsName && <SignUpFields identifier={identifier} asksGuardian={asksGuardian} nameRef={nameInput} />}
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
        {asksGuardian ? t('signIn.askGuardian') : needsName ? t('signIn.createAccount') : t('signIn.verify')}
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
