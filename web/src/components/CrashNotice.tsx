import { Button, Result } from 'antd';
import { useI18n } from '../i18n/context';

export function CrashNotice() {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('crash.title')}
      subTitle={t('crash.subtitle')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </Button>
      }
    />
  );
}
