import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

/** What a page shows in place of its content when loading it failed. */
export function QueryFailure({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, t)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
