/** zh-CN is authoritative (P12.1); en is the translation. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  return acceptLanguage && /^en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}

/** A text in both of the platform's languages; zh-CN is authoritative. */
export type Localised = { 'zh-CN': string; en: string };
