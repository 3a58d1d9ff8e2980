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

// Chats repeat their words: the entries of recent (chat, word) pairs are remembered, by chat,
// bounded in all. A chat's map is looked up once a message, then its words by themselves.
const recent = new Map<string, Map<string, string>>();
let remembered = 0;
const RECENT_LIMIT = 50_000;
let recentKey: Buffer | null = null;

/** The index entry of a word in one chat: the same word in two chats gives unrelated entries. */
export function searchToken(key: Buffer, conversationId: string, term: string): string {
  if (recentKey !== key) {
    recent.clear();
    remembered = 0;
    recentKey = key;
  }
  let chat = recent.get(conversationId);
  const known = chat?.get(term);
  if (known !== undefined) return known;
  const token = createHmac('sha256', key).update(conversationId).update('\x1f').update(term).digest('base64url').slice(0, 22);
  if (remembered >= RECENT_LIMIT) {
    // forget first the chat that learned a new word longest ago
    const [oldest, words] = recent.entries().next().value as [string, Map<string, string>];
    recent.delete(oldest);
    remembered -= words.size;
    if (oldest === conversationId) chat = undefined;
  }
  if (!chat) {
    chat = new Map();
  } else recent.delete(conversationId);
  recent.set(conversationId, chat);
  chat.set(term, token);
  remembered++;
  return token;
}
