import { describe, expect, it } from 'vitest';
import type { ChatParticipant, ConversationDetail } from '../api/chat';
import { myMemberIdIn, telltaleChat } from './my-place-in-contacts';

const person = (memberId: string, role: ChatParticipant['role'] = 'member'): ChatParticipant => ({ memberId, name: memberId, role, gone: false });

const chat = (id: string, extra: Partial<ConversationDetail>): ConversationDetail => ({
  id,
  orgId: 'space',
  kind: 'group',
  name: 'Friends',
  avatarUrl: null,
  lastSeq: 0,
  lastMessageAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  myRole: 'member',
  lastReadSeq: 0,
  unread: 0,
  muted: false,
  archived: false,
  closed: false,
  peer: null,
  lastMessage: null,
  participants: [],
  ...extra,
});

describe('my member id in the contacts space', () => {
  const contacts = new Set(['bob', 'carol']);

  it('is the end of a direct chat that is not the contact, whichever order the server lists them in', () => {
    const direct = { kind: 'direct' as const, peer: { memberId: 'bob', name: 'Bob', gone: false } };
    expect(myMemberIdIn(chat('d', { ...direct, participants: [person('me'), person('bob')] }), contacts)).toBe('me');
    expect(myMemberIdIn(chat('d', { ...direct, participants: [person('bob'), person('me')] }), contacts)).toBe('me');
  });

  it('is the owner of a group I own, even with strangers in it', () => {
    const group = chat('g', { myRole: 'owner', participants: [person('bob', 'admin'), person('me', 'owner'), person('dave'), person('erin')] });
    expect(myMemberIdIn(group, contacts)).toBe('me');
  });

  it('is the one person of a group who is not my contact, and unknown when there are several', () => {
    expect(myMemberIdIn(chat('g', { participants: [person('bob', 'owner'), person('me'), person('carol')] }), contacts)).toBe('me');
    expect(myMemberIdIn(chat('g', { participants: [person('bob', 'owner'), person('me'), person('dave')] }), contacts)).toBeNull();
  });

  it('is read off a direct chat first, then a group I own', () => {
    const group = chat('g', {});
    const owned = chat('o', { myRole: 'owner' });
    const direct = chat('d', { kind: 'direct', peer: { memberId: 'bob', name: 'Bob', gone: false } });
    expect(telltaleChat([group, owned, direct])?.id).toBe('d');
    expect(telltaleChat([group, owned])?.id).toBe('o');
    expect(telltaleChat([group])?.id).toBe('g');
    expect(telltaleChat([])).toBeUndefined();
  });
});
