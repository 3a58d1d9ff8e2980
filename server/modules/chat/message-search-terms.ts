import { createHmac } from 'node:crypto';

/**
 * The words a message is found by. Text is normalised (NFKC, lower case) and split into words
 * with `Intl.Segmenter`, which knows where Chinese and Japanese words end although no spaces
 * mark them. Each CJK word also yields its single characters, so a search for 锁 finds 智能锁.
 * A query is split the same way and must match every word.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const MAX_WORD = 64;
const MAX_TERMS = 256;

export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    const word = segment.slice(0, MAX_WORD);
    terms.add(word);
    if (CJK.test(word) && [...word].length > 1) for (const char of word) if (CJK.test(char)) terms.add(char);
    if (terms.size >= MAX_TERMS) break;
  }
  return [...terms];
}

// Chats repeat their words: the entries of recent (chat, word) pairs are remembered, bounded.
const recent = new Map<string, string>();
const RECENT_LIMIT = 50_000;

/** The index entry of a word in one chat: the same word in two chats gives unrelated entries. */
export function searchToken(key: Buffer, conversationId: string, term: string): string {
  const cacheKey = `${conversationId}\x1f${term}`;
  const known = recent.get(cacheKey);
  if (known !== undefined && recentKey === key) return known;
  if (recentKey !== key) {
    recent.clear();
    recentKey = key;
  }
  const token = createHmac('sha256', key).update(conversationId).update('\x1f').update(term).digest('base64url').slice(0, 22);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(cacheKey, token);
  return token;
}
let recentKey: Buffer | null = null;
