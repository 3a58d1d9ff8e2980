import { describe, expect, it } from 'vitest';
import { searchTerms, searchToken } from './message-search-terms.ts';

describe('message search terms', () => {
  it('splits Latin text into lower-case words, without punctuation', () => {
    expect(searchTerms('Hello, World! The LOCK-42 is ready.')).toEqual(['hello', 'world', 'the', 'lock', '42', 'is', 'ready']);
  });

  it('segments Chinese text into words and also indexes single characters', () => {
    const terms = searchTerms('我们明天讨论智能锁的设计');
    expect(terms).toContain('智能');
    expect(terms).toContain('锁');
    expect(terms).toContain('设计');
    // a query typed differently still lands on the same terms
    expect(searchTerms('智能锁').every((term) => terms.includes(term))).toBe(true);
  });

  it('normalises full-width forms so ＡＢＣ finds abc', () => {
    expect(searchTerms('ＡＢＣ１２３')).toEqual(searchTerms('abc123'));
  });

  it('keys each entry by chat, so the same word in two chats gives unrelated entries', () => {
    const key = Buffer.alloc(32, 7);
    expect(searchToken(key, 'chat-a', 'budget')).not.toBe(searchToken(key, 'chat-b', 'budget'));
    expect(searchToken(key, 'chat-a', 'budget')).toBe(searchToken(key, 'chat-a', 'budget'));
    expect(searchToken(key, 'chat-a', 'budget')).not.toContain('budget');
    expect(searchToken(Buffer.alloc(32, 8), 'chat-a', 'budget')).not.toBe(searchToken(key, 'chat-a', 'budget'));
  });

  it('gives the same entry for a word after its chat was forgotten from the bounded memory', () => {
    const key = Buffer.alloc(32, 9);
    const first = searchToken(key, 'chat-0', 'door');
    // 60,000 other (chat, word) pairs: more than are remembered
    for (let chat = 1; chat <= 600; chat++) for (let word = 0; word < 100; word++) searchToken(key, `chat-${chat}`, `w${word}`);
    expect(searchToken(key, 'chat-0', 'door')).toBe(first);
    expect(searchToken(key, 'chat-600', 'w99')).toBe(searchToken(key, 'chat-600', 'w99'));
    expect(searchToken(key, 'chat-600', 'w99')).not.toBe(searchToken(key, 'chat-599', 'w99'));
  });

  it('bounds the number of terms of a very long message', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    expect(searchTerms(text).length).toBeLessThanOrEqual(256);
  });
});
