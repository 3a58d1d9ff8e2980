import type { ConversationDetail, ConversationSummary } from '../api/chat';

/**
 * GET /api/contacts names my contacts' member ids in the contacts space but not my own, which the
 * chat pages need (to tell my messages, reads and reactions apart, and to leave a group). A chat
 * I am in there shows it: the one end of a direct chat that is not the contact, the owner of a
 * group I own, or the one person of a group who is not among my contacts.
 */
export function myMemberIdIn(chat: ConversationDetail, contactIds: ReadonlySet<string>): string | null {
  if (chat.kind === 'direct') {
    const peer = chat.peer?.memberId;
    return (peer && chat.participants.find((participant) => participant.memberId !== peer)?.memberId) || null;
  }
  if (chat.myRole === 'owner') return chat.participants.find((participant) => participant.role === 'owner')?.memberId ?? null;
  const strangers = chat.participants.filter((participant) => !contactIds.has(participant.memberId));
  return strangers.length === 1 ? strangers[0]!.memberId : null;
}

/** The chat whose members best show who I am: a direct one, else a group I own, else any. */
export function telltaleChat(conversations: readonly ConversationSummary[]): ConversationSummary | undefined {
  return (
    conversations.find((chat) => chat.kind === 'direct' && chat.peer) ??
    conversations.find((chat) => chat.kind === 'group' && chat.myRole === 'owner') ??
    conversations.find((chat) => chat.kind === 'group')
  );
}
