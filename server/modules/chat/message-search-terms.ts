import { createHmac } from 'node:crypto';

/**
 * The terms a message is found by. Text is normalised (NFKC, lower case). Chinese and Japanese
 * characters are each a term of their own: a query's characters must all be in a message, so 锁
 * finds 智能锁 and 智能锁 finds 智能门锁 wherever the words break. This needs no dictionary:
 * ICU's word breaker (`Intl.Segmenter`) cost about 30 µs a message, more than all else the
 * server's thread does for it, and split the same word differently by context (智能 did not find
 * a message where it had made 智能锁 one word). Other scripts give words between spaces and
 * punctuation; Thai, Lao, Khmer and Burmese, written without spaces, still go through ICU.
 * A query is split the same way and must match every term.
 */
const TERM = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}])+/gu;
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const MAX_WORD = 64;
const MAX_TERMS = 256;

export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const [match] of text.normalize('NFKC').toLowerCase().matchAll(TERM)) {
    if (!UNSPACED.test(match)) terms.add(match.slice(0, MAX_WORD));
    else for (const { segment, isWordLike } of segmenter.segment(match)) if (isWordLike) terms.add(segment.slice(0, MAX_WORD));
    if (terms.size >= MAX_TERMS) break;
  }
  return [...terms];
}

// Chats repeat their words: the entries of recent (key, chat, word) triples are remembered, by
// key and chat, bounded in all. A chat's map is looked up once a message, then its words by themselves.
const recent = new Map<string, Map<string, string>>();
let remembered = 0;
const RECENT_LIMIT = 50_000;
// each key object gets a tag of its own, so entries under a sender's key never answer for another's
const keyTags = new WeakMap<Buffer, number>();
let nextTag = 0;

/**
 * The index entry of a word in one chat under one key (a sender's: see search-keys.ts): the same
 * word in two chats, or from two senders, gives unrelated entries.
 */
export function searchToken(key: Buffer, conversationId: string, term: string): string {
  let tag = keyTags.get(key);
  if (tag === undefined) keyTags.set(key, (tag = nextTag++));
  const scope = `${tag}\x1f${conversationId}`;
  let chat = recent.get(scope);
  const known = chat?.get(term);
  if (known !== undefined) return known;
  const token = createHmac('sha256', key).update(conversationId).update('\x1f').update(term).digest('base64url').slice(0, 22);
  if (remembered >= RECENT_LIMIT) {
    // forget first the chat that learned a new word longest ago
    const [oldest, words] = recent.entries().next().value as [string, Map<string, string>];
    recent.delete(oldest);
    remembered -= words.size;
    if (oldest === scope) chat = undefined;
  }
  if (!chat) {
    chat = new Map();
  } else recent.delete(scope);
  recent.set(scope, chat);
  chat.set(term, token);
  remembered++;
  return token;
}
