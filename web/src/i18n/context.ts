import { createContext, useContext } from 'react';
import type { Locale, Localized } from './locales';
import type { MessageKey } from './messages.zh-CN';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** chooses the current locale's text from a server-sent { "zh-CN", "en" } object */
  pick(text: Localized | null | undefined): string;
  formatDateTime(iso: string | null | undefined): string;
  formatDate(iso: string | null | undefined): string;
  /**
   * A calendar day the server states in UTC (a policy's update date "2026-11-01", or the midnight
   * UTC it comes into force): formatted without shifting it into the reader's time zone.
   */
  formatDay(dayOrIso: string | null | undefined): string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
