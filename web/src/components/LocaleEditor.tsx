import { Select } from 'antd';
import { updateProfile, type Account } from '../api/account';
import { useAccountUpdate } from '../account/use-account-update';
import { useI18n } from '../i18n/context';
import { locales, type Locale } from '../i18n/locales';

/** The language of emails and text messages sent to the person (the page's own language is the header switch). */
export function LocaleEditor({ account }: { account: Account }) {
  const { t } = useI18n();
  const save = useAccountUpdate((locale: Locale) => updateProfile({ locale }), 'profile.saved');
  return (
    <Select<Locale>
      value={account.locale}
      loading={save.isPending}
      onChange={(locale) => save.mutate(locale)}
      options={locales.map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))}
      style={{ width: 200 }}
      data-testid="profile-locale"
    />
  );
}
