import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../api/chat';
import type { ChatPerson } from '../../chat/use-chat-people';
import { en } from '../../i18n/messages.en';
import { zhCN, type MessageKey } from '../../i18n/messages.zh-CN';
import { chatTitle, previewText, senderName } from './chat-labels';

const english = (key: MessageKey) => en[key];
const chinese = (key: MessageKey) => zhCN[key];
const nobody = (memberId: string): ChatPerson => ({ memberId, name: '', avatarUrl: null, gone: true });
const erasedPeer = { kind: 'direct', name: null, peer: { memberId: 'm2', name: '', gone: true } } as const;

describe('people who are gone from a chat', () => {
  it('are former colleagues in an organisation', () => {
    expect(chatTitle(erasedPeer, 'organisation', english)).toBe('Former colleague');
    expect(chatTitle(erasedPeer, 'organisation', chinese)).toBe('已离开的同事');
    expect(senderName('m2', { kind: 'organisation', myMemberId: 'm1' }, nobody, english)).toBe('Former colleague');
  });

  it('are deleted accounts between contacts, who were never colleagues', () => {
    expect(chatTitle(erasedPeer, 'contacts', english)).toBe('Deleted account');
    expect(chatTitle(erasedPeer, 'contacts', chinese)).toBe('已注销的用户');
    expect(senderName('m2', { kind: 'contacts', myMemberId: 'm1' }, nobody, chinese)).toBe('已注销的用户');
    const group = {
      kind: 'group',
      name: 'Friends',
      lastMessage: { senderMemberId: 'm2', state: 'live', text: 'hi', attachments: [] },
    } as unknown as ConversationSummary;
    expect(previewText(group, { kind: 'contacts', myMemberId: 'm1' }, nobody, english)).toBe('Deleted account: hi');
  });

  it('leave my own messages mine', () => {
    expect(senderName('m1', { kind: 'contacts', myMemberId: 'm1' }, nobody, english)).toBe('You');
  });
});
