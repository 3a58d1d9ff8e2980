import type { ConversationMemberRow, ConversationRow, MessageRow, ReactionRow } from './chat.repo.ts';
import type { MessageBody } from './message-body.ts';
import type { PresentedAttachment } from './attachments.service.ts';

/** The only code that shapes chats and messages for HTTP and WebSocket alike. */
export type MessageState = 'live' | 'edited' | 'recalled' | 'erased';

export interface PresentedMessage {
  id: string;
  conversationId: string;
  seq: number;
  senderMemberId: string;
  clientMessageId: string;
  /** null once recalled, or when the sender's account was erased */
  text: string | null;
  mentions: string[];
  replyToId: string | null;
  state: MessageState;
  createdAt: string;
  editedAt: string | null;
  reactions: Array<{ emoji: string; memberIds: string[] }>;
  attachments: PresentedAttachment[];
}

export function presentMessage(row: MessageRow, body: MessageBody | null, reactions: ReactionRow[] = [], attachments: PresentedAttachment[] = []): PresentedMessage {
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

export interface PresentedParticipant {
  memberId: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  /** the person's account was erased or they left the organisation */
  gone: boolean;
}

export interface PresentedConversation {
  id: string;
  orgId: string;
  kind: 'direct' | 'group';
  name: string | null;
  lastSeq: number;
  lastMessageAt: string | null;
  createdAt: string;
  myRole: 'owner' | 'admin' | 'member';
  lastReadSeq: number;
  unread: number;
  muted: boolean;
  archived: boolean;
}

export function presentConversation(conversation: ConversationRow, seat: ConversationMemberRow, unread: number): PresentedConversation {
  return {
    id: conversation.id,
    orgId: conversation.org_id,
    kind: conversation.kind as 'direct' | 'group',
    name: conversation.name,
    lastSeq: Number(conversation.last_seq),
    lastMessageAt: conversation.last_message_at === null ? null : new Date(Number(conversation.last_message_at)).toISOString(),
    createdAt: new Date(Number(conversation.created_at)).toISOString(),
    myRole: seat.role as 'owner' | 'admin' | 'member',
    lastReadSeq: Number(seat.last_read_seq),
    unread,
    muted: seat.muted === 1,
    archived: seat.archived === 1,
  };
}
