import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Popconfirm, type ButtonProps } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { consentValidDays, type GuardianDecision } from '../../api/guardian';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';

interface Props {
  /** the answer being sent, if any */
  pending: GuardianDecision | null;
  /** the last answer's error */
  failure: unknown;
  onDecide(code: string, decision: GuardianDecision): void;
}

/** No new code can be asked for: after too many wrong ones the request can only run out. */
function isSpent(error: unknown): boolean {
  return isApiError(error, 'otp_exhausted') || (isApiError(error, 'otp_invalid') && error.details.attemptsLeft === 0);
}

/**
 * The code from the guardian's message and the two answers. Refusing erases a child's account at
 * once and for good, so it asks again first; consenting can be undone later by erasing.
 */
export function ConsentDecisionForm({ pending, failure, onDecide }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const complete = /^\d{6}$/.test(code);
  const spent = isSpent(failure);
  const attemptsLeft = isApiError(failure, 'otp_invalid') ? failure.details.attemptsLeft : undefined;
  const disabled = !complete || spent || pending !== null;

  return (
    <Form layout="vertical" requiredMark={false} onFinish={() => complete && onDecide(code, 'approve')}>
      <Form.Item label={t('guardian.code')} extra={t('guardian.codeHint')} style={{ marginBottom: 16 }}>
        <Input
          size="large"
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
          placeholder="000000"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          disabled={spent}
          data-testid="guardian-code"
          style={{ width: 200, letterSpacing: '0.4em', fontFamily: 'monospace', fontSize: 20 }}
        />
      </Form.Item>
      {Boolean(failure) && (
        <Alert
          type="error"
          showIcon
          data-testid="guardian-error"
          style={{ marginBottom: 16 }}
          title={
            spent
              ? t('guardian.spent', { days: consentValidDays })
              : typeof attemptsLeft === 'number'
                ? t('signIn.attemptsLeft', { count: attemptsLeft })
                : errorText(failure, t)
          }
        />
      )}
      <Flex gap={12} wrap>
        <Button type="primary" size="large" htmlType="submit" icon={<CheckOutlined />} loading={pending === 'approve'} disabled={disabled} data-testid="guardian-approve">
          {t('guardian.approve')}
        </Button>
        <Popconfirm
          title={t('guardian.declineConfirmTitle')}
          description={<div style={{ maxWidth: 320 }}>{t('guardian.declineConfirm')}</div>}
          okText={t('guardian.decline')}
          okButtonProps={{ danger: true, 'data-testid': 'guardian-decline-confirm' } as ButtonProps}
          cancelText={t('common.cancel')}
          disabled={disabled}
          onConfirm={() => onDecide(code, 'decline')}
        >
          <Button danger size="large" icon={<CloseOutlined />} loading={pending === 'decline'} disabled={disabled} data-testid="guardian-decline">
            {t('guardian.decline')}
          </Button>
        </Popconfirm>
      </Flex>
    </Form>
  );
}
