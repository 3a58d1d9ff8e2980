import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { requestCode, type Challenge } from '../api/auth';
import { looksLikeIdentifier } from '../account/identifier-shape';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

interface Props {
  initialIdentifier: string;
  onCodeSent(identifier: string, challenge: Challenge): void;
}

/** Step 1: where to send the one-time code. */
export function SignInIdentifierForm({ initialIdentifier, onCodeSent }: Props) {
  const { t, locale } = useI18n();
  const send = useMutation({
    mutationFn: (identifier: string) => requestCode(identifier, locale),
    onSuccess: (challenge, identifier) => onCodeSent(identifier, challenge),
  });

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      initialValues={{ identifier: initialIdentifier }}
      onFinish={({ identifier }: { identifier: string }) => send.mutate(identifier.trim())}
    >
      <Form.Item
        name="identifier"
        label={t('signIn.identifier')}
        validateTrigger="onSubmit"
        rules={[
          {
            validator: (_, value: string | undefined) =>
              looksLikeIdentifier(value ?? '') ? Promise.resolve() : Promise.reject(new Error(t('signIn.identifierInvalid'))),
          },
        ]}
      >
        <Input
          size="large"
          autoFocus
          autoComplete="username"
          placeholder={t('signIn.identifierPlaceholder')}
          data-testid="signin-identifier"
        />
      </Form.Item>
      {send.isError && <Alert type="error" showIcon title={errorText(send.error, t)} style={{ marginBottom: 16 }} data-testid="signin-error" />}
      <Button type="primary" size="large" htmlType="submit" block loading={send.isPending} data-testid="signin-send">
        {t('signIn.send')}
      </Button>
    </Form>
  );
}
