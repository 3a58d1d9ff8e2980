import { z } from 'zod';
import { MAX_MESSAGE_CHARACTERS } from './message-body.ts';
import { MAX_GROUP_MEMBERS } from './chat.policy.ts';

export const orgParams = z.object({ orgId: z.string().uuid() }).strict();
export const conversationParams = z.object({ orgId: z.string().uuid(), conversationId: z.string().uuid() }).strict();
export const messageParams = conversationParams.extend({ messageId: z.string().uuid() }).strict();
export const seatParams = conversationParams.extend({ memberId: z.string().uuid() }).strict();
export const reactionParams = messageParams.extend({ emoji: z.string().min(1).max(32) }).strict();

export const newConversationBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), memberId: z.string().uuid() }).strict(),
  z.object({ kind: z.literal('group'), name: z.string().max(100), memberIds: z.array(z.string().uuid()).max(MAX_GROUP_MEMBERS) }).strict(),
]);

export const sendBody = z
  .object({
    clientMessageId: z.string().min(1).max(64).describe('chosen by the client; a retry with the same id never duplicates the message'),
    text: z.string().max(MAX_MESSAGE_CHARACTERS * 2),
    replyToId: z.string().uuid().nullable().optional(),
    mentions: z.array(z.string().uuid()).max(100).optional().describe('member ids of people in the chat'),
    attachmentIds: z.array(z.string().uuid()).max(20).optional().describe('files uploaded to this chat first; the text may then be empty'),
  })
  .strict();

export const historyQuery = z
  .object({
    beforeSeq: z.coerce.number().int().min(1).optional(),
    afterSeq: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

export const attachmentResponse = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  image: z.object({ width: z.number(), height: z.number() }).nullable(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), altitude: z.number().nullable() })
    .nullable()
    .describe('where the photo was taken (decimal degrees, metres above sea level); null unless its sender consented to keep it (chat.photo_location)'),
});

export const messageResponse = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  senderMemberId: z.string(),
  clientMessageId: z.string(),
  text: z.string().nullable(),
  mentions: z.array(z.string()),
  replyToId: z.string().nullable(),
  state: z.enum(['live', 'edited', 'recalled', 'erased']),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  reactions: z.array(z.object({ emoji: z.string(), memberIds: z.array(z.string()) })),
  attachments: z.array(attachmentResponse),
});

const role = z.enum(['owner', 'admin', 'member']);

export const conversationSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: z.enum(['direct', 'group']),
  name: z.string().nullable(),
  avatarUrl: z.string().nullable().describe('a group’s picture, its address changing with each new one; null for direct chats and groups without one'),
  lastSeq: z.number(),
  lastMessageAt: z.string().nullable(),
  createdAt: z.string(),
  myRole: role,
  lastReadSeq: z.number(),
  unread: z.number(),
  muted: z.boolean(),
  archived: z.boolean(),
  closed: z.boolean().describe('a direct chat between people who are no longer contacts: readable, takes no new messages'),
  peer: z.object({ memberId: z.string(), name: z.string(), gone: z.boolean() }).nullable(),
  lastMessage: messageResponse.nullable(),
});

export const conversationDetail = conversationSummary.extend({
  participants: z.array(z.object({ memberId: z.string(), name: z.string(), role, gone: z.boolean() })),
});
