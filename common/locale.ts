/** zh-CN is authoritative (P12.1); en is the translation. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  return acceptLanguage && /^en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}
