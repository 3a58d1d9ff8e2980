import { GlobalOutlined } from '@ant-design/icons';
import { Button, Grid } from 'antd';
import { useI18n } from '../i18n/context';

/** With two locales a single toggle is the quickest switch: it shows the language you would get. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const compact = !Grid.useBreakpoint().sm;
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="language-switch"
      aria-label={t('header.switchLanguage')}
      title={t('header.switchLanguage')}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {compact ? (locale === 'zh-CN' ? 'EN' : '中') : t('header.switchTo')}
    </Button>
  );
}
