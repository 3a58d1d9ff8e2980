/**
 * The chat objects as the HTTP API and the realtime socket present them (docs/realtime-protocol.md):
 * one contract, which the server's presenter builds and the web client reads.
 */
export type ChatRole = 'owner' | 'admin' | 'member';
export type MessageState = 'live' | 'edited' | 'recalled' | 'erased';

/** A file sent in a chat; `image` is set for pictures, whose preview the server re-encodes. */
export interface ChatAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  image: { width: number; height: number } | null;
  /** where the photo was taken (decimal degrees; metres above sea level), kept only when its sender consented */
  location: { latitude: number; longitude: number; altitude: number | null } | null;
}

export interface ChatMessage {
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
  attachments: ChatAttachment[];
}

export interface ChatParticipant {
  memberId: string;
  name: string;
  role: ChatRole;
  /** their account was erased, or they left the organisation */
  gone: boolean;
}

/** A chat as one member sees it: their role, read position, unread count and settings. */
export interface ConversationSummary {
  id: string;
  orgId: string;
  kind: 'direct' | 'group';
  name: string | null;
  /** a group's picture (its address changes with each new one); null for direct chats and groups without one */
  avatarUrl: string | null;
  lastSeq: number;
  lastMessageAt: string | null;
  createdAt: string;
  myRole: ChatRole;
  lastReadSeq: number;
  unread: number;
  muted: boolean;
  archived: boolean;
  /** a direct chat between two people who are no longer contacts: still readable, takes no new messages */
  closed: boolean;
  /** in a direct chat: the colleague at the other end */
  peer: { memberId: string; name: string; gone: boolean } | null;
  lastMessage: ChatMessage | null;
}

export interface ConversationDetail extends ConversationSummary {
  participants: ChatParticipant[];
}
