import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import { I18nContext, type I18n } from './context';
import { initialLocale, pick, rememberLocale, type Locale, type Localized } from './locales';
import { en } from './messages.en';
import { zhCN, type MessageKey } from './messages.zh-CN';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const antdLocales = { 'zh-CN': antdZhCN, en: antdEnUS };

function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    // screen readers and the browser's own hyphenation/font choice follow <html lang>
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[locale];
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
    const utcDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    return {
      locale,
      setLocale,
      t: (key, vars) => interpolate(dictionary[key] ?? zhCN[key] ?? key, vars),
      pick: (text: Localized | null | undefined) => pick(text, locale),
      formatDateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ''),
      formatDate: (iso) => (iso ? date.format(new Date(iso)) : ''),
      formatDay: (dayOrIso) => (dayOrIso ? utcDay.format(new Date(dayOrIso.length === 10 ? `${dayOrIso}T00:00:00Z` : dayOrIso)) : ''),
    };
  }, [locale, setLocale]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={antdLocales[locale]} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 8 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
