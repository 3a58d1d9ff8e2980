import { describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationSummary } from '../api/chat';
import { addMessages, contiguousEnd, hasOlder, listWithMessage, listWithRead, mergeMessages, replaceMessage } from './message-window';

const message = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  senderMemberId: 'alice',
  clientMessageId: `client-${seq}`,
  text: `message ${seq}`,
  mentions: [],
  replyToId: null,
  state: 'live',
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
  editedAt: null,
  reactions: [],
  attachments: [],
  ...extra,
});

const chat = (id: string, extra: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  orgId: 'o1',
  kind: 'direct',
  name: null,
  avatarUrl: null,
  lastSeq: 2,
  lastMessageAt: '2026-01-01T00:02:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  myRole: 'member',
  lastReadSeq: 2,
  unread: 0,
  muted: false,
  archived: false,
  closed: false,
  peer: { memberId: 'alice', name: 'Alice', gone: false },
  lastMessage: message(2),
  ...extra,
});

describe('the history window', () => {
  it('puts messages in sequence order and never holds one twice, whichever way they came', () => {
    const merged = mergeMessages([message(1), message(3)], [message(4), message(2), message(3)], 'current');
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const again = mergeMessages(merged, [message(2), message(4)], 'current');
    expect(again).toBe(merged);
  });

  it('lets an HTTP page replace what it covers, but a late announcement not undo an edit', () => {
    const edited = message(2, { text: 'edited', state: 'edited' });
    expect(mergeMessages([message(1), message(2)], [edited], 'incoming')[1]).toBe(edited);
    expect(mergeMessages([message(1), edited], [message(2)], 'current')[1]).toBe(edited);
  });

  it('replaces an updated message in place, and ignores one outside the window', () => {
    const window = { messages: [message(5), message(6)], lastSeq: 6 };
    const recalled = message(6, { text: null, state: 'recalled' });
    expect(replaceMessage(window, recalled).messages[1]).toBe(recalled);
    expect(replaceMessage(window, message(1, { state: 'recalled' }))).toBe(window);
  });

  it('knows where a resume starts and whether older pages exist', () => {
    expect(contiguousEnd({ messages: [message(3), message(4), message(6)], lastSeq: 6 })).toBe(4);
    expect(contiguousEnd({ messages: [], lastSeq: 0 })).toBe(0);
    expect(hasOlder({ messages: [message(1), message(2)], lastSeq: 2 })).toBe(false);
    expect(hasOlder({ messages: [message(51)], lastSeq: 51 })).toBe(true);
    expect(addMessages(undefined, [message(7)], 'current')).toEqual({ messages: [message(7)], lastSeq: 7 });
  });
});

describe('the chat list', () => {
  it('moves a chat with a new message to the top and counts it unread unless mine or on screen', () => {
    const list = [chat('c0', { lastMessageAt: '2026-01-02T00:00:00.000Z' }), chat('c1')];
    const incoming = message(3, { createdAt: '2026-01-03T00:00:00.000Z' });
    const next = listWithMessage(list, incoming, { mine: false, looking: false })!;
    expect(next.map((c) => c.id)).toEqual(['c1', 'c0']);
    expect(next[0]).toMatchObject({ unread: 1, lastSeq: 3, lastMessage: incoming });
    expect(listWithMessage(list, incoming, { mine: true, looking: false })![0]!.unread).toBe(0);
    expect(listWithMessage(list, incoming, { mine: false, looking: true })![0]!.unread).toBe(0);
    // the same message again (ack and event) is not counted twice
    expect(listWithMessage(next, incoming, { mine: false, looking: false })![0]!.unread).toBe(1);
    expect(listWithMessage(list, message(3, { conversationId: 'elsewhere' }), { mine: false, looking: false })).toBeNull();
  });

  it('clears the badge once read up to the last message', () => {
    const list = [chat('c1', { lastSeq: 5, unread: 3, lastReadSeq: 2 })];
    expect(listWithRead(list, 'c1', 4)[0]).toMatchObject({ unread: 1, lastReadSeq: 4 });
    expect(listWithRead(list, 'c1', 5)[0]).toMatchObject({ unread: 0 });
    expect(listWithRead(list, 'c1', 1)[0]).toBe(list[0]);
  });
});
