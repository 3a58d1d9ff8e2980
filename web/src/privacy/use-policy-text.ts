import { useMemo } from 'react';
import type { Locale, Localized } from '../i18n/locales';
import { outlineOf, parseMarkdown, plainText, type Block } from './markdown';

/**
 * A policy text in one language, parsed once per text, with the sections its contents list. A
 * leading top-level heading is the text's title: returned apart, for the page to show with the
 * version's dates, and left out of the blocks so it is not shown twice.
 */
export function usePolicyText(body: Localized | null | undefined, language: Locale) {
  const text = body ? body[language] || body['zh-CN'] : '';
  return useMemo(() => {
    const parsed = outlineOf(parseMarkdown(text));
    const [first, ...rest] = parsed.blocks;
    if (first?.type !== 'heading' || first.level !== 1) return { ...parsed, title: null };
    return { blocks: rest satisfies Block[], outline: parsed.outline, title: plainText(first.content) };
  }, [text]);
}
