import type { ConversationMemberRow, ConversationRow, MessageRow, ReactionRow } from './chat.repo.ts';
import type { MessageBody } from './message-body.ts';
import type { ChatAttachment, ChatMessage, ConversationSummary, MessageState } from '../../../common/chat.ts';

/** The only code that shapes chats and messages for HTTP and WebSocket alike (the contract: common/chat.ts). */
export function presentMessage(row: MessageRow, body: MessageBody | null, reactions: ReactionRow[] = [], attachments: ChatAttachment[] = []): ChatMessage {
  const gone = row.state === 'recalled' || row.state === 'erased' || body === null;
  const state: MessageState = row.state === 'recalled' ? 'recalled' : row.state === 'erased' || body === null ? 'erased' : row.edited_at !== null ? 'edited' : 'live';
  const grouped = new Map<string, string[]>();
  for (const reaction of reactions) {
    const list = grouped.get(reaction.emoji) ?? [];
    list.push(reaction.member_id);
    grouped.set(reaction.emoji, list);
  }
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderMemberId: row.sender_member_id,
    clientMessageId: row.client_id,
    text: gone ? null : body.text,
    mentions: gone ? [] : body.mentions,
    replyToId: row.reply_to_id,
    state,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    editedAt: row.edited_at === null ? null : new Date(Number(row.edited_at)).toISOString(),
    reactions: gone ? [] : [...grouped].map(([emoji, memberIds]) => ({ emoji, memberIds })),
    attachments: gone ? [] : attachments,
  };
}

export function presentConversation(conversation: ConversationRow, seat: ConversationMemberRow, unread: number): Omit<ConversationSummary, 'peer' | 'lastMessage'> {
  return {
    id: conversation.id,
    orgId: conversation.org_id,
    kind: conversation.kind as ConversationSummary['kind'],
    name: conversation.name,
    // the tag changes with every new picture: a new address, never a stale cached image
    avatarUrl: conversation.avatar_tag === null ? null : `/api/orgs/${conversation.org_id}/conversations/${conversation.id}/avatar?v=${conversation.avatar_tag}`,
    lastSeq: Number(conversation.last_seq),
    lastMessageAt: conversation.last_message_at === null ? null : new Date(Number(conversation.last_message_at)).toISOString(),
    createdAt: new Date(Number(conversation.created_at)).toISOString(),
    myRole: seat.role as ConversationSummary['myRole'],
    lastReadSeq: Number(seat.last_read_seq),
    unread,
    muted: seat.muted === 1,
    archived: seat.archived === 1,
    closed: conversation.closed_at !== null,
  };
}
