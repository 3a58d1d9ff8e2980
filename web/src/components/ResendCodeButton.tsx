import { Button } from 'antd';
import { useNow } from '../platform/use-now';
import { useI18n } from '../i18n/context';

interface Props {
  availableAt: number;
  loading: boolean;
  onResend(): void;
  testId?: string;
}

export function ResendCodeButton({ availableAt, loading, onResend, testId = 'signin-resend' }: Props) {
  const { t } = useI18n();
  const now = useNow(availableAt > Date.now());
  const seconds = Math.max(0, Math.ceil((availableAt - now) / 1000));
  return (
    <Button type="link" disabled={seconds > 0} loading={loading} onClick={onResend} data-testid={testId} style={{ paddingInline: 0 }}>
      {seconds > 0 ? t('signIn.resendIn', { seconds }) : t('signIn.resend')}
    </Button>
  );
}
