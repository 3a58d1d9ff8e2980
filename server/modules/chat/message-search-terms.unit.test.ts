import { describe, expect, it } from 'vitest';
import { searchTerms, searchToken } from './message-search-terms.ts';

describe('message search terms', () => {
  it('splits Latin text into lower-case words, without punctuation', () => {
    expect(searchTerms('Hello, World! The LOCK-42 is ready.')).toEqual(['hello', 'world', 'the', 'lock', '42', 'is', 'ready']);
  });

  it('makes each Chinese or Japanese character a term, so a query finds its characters wherever words break', () => {
    const terms = searchTerms('我们明天讨论智能锁的设计');
    expect(terms).toEqual(['我', '们', '明', '天', '讨', '论', '智', '能', '锁', '的', '设', '计']);
    // every character of these queries is in the message: 智能 finds the 智能锁 a word breaker made one word
    for (const query of ['锁', '智能', '智能锁', '设计']) expect(searchTerms(query).every((term) => terms.includes(term))).toBe(true);
    expect(searchTerms('门锁').every((term) => terms.includes(term))).toBe(false);
    expect(searchTerms('コンピュータを使う')).toContain('使');
  });

  it('keeps words of mixed text whole, and splits scripts written without spaces into words', () => {
    expect(searchTerms('今天在402会议室 see you')).toEqual(['今', '天', '在', '402', '会', '议', '室', 'see', 'you']);
    expect(searchTerms('안녕하세요 세계')).toEqual(['안녕하세요', '세계']);
    // Thai has no spaces between words: the dictionary finds them
    expect(searchTerms('สวัสดีครับ')).toEqual(['สวัสดี', 'ครับ']);
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
