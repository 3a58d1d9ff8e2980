import { readLocal, writeLocal } from '../platform/local-store';

/** zh-CN is the authoritative text; en is its translation. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A text the server sends in every supported locale. */
export type Localized = Record<Locale, string>;

const storageKey = 'lockstep.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** An explicit earlier choice wins; otherwise Chinese-speaking browsers get zh-CN and the rest en. */
export function initialLocale(): Locale {
  const stored = readLocal(storageKey);
  if (isLocale(stored)) return stored;
  const language = typeof navigator === 'undefined' ? '' : navigator.language;
  return /^zh\b/i.test(language) ? 'zh-CN' : 'en';
}

export function rememberLocale(locale: Locale): void {
  writeLocal(storageKey, locale);
}

export function pick(text: Localized | null | undefined, locale: Locale): string {
  if (!text) return '';
  // zh-CN is authoritative, so it stands in when a translation is missing
  return text[locale] || text['zh-CN'] || '';
}
