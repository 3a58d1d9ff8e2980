import { z } from 'zod';
import { MAX_MESSAGE_CHARACTERS } from './message-body.ts';

/**
 * The realtime protocol (docs/realtime-protocol.md): JSON frames over one WebSocket per client at
 * /api/realtime. Every client frame may carry `ref`, echoed in the answer, so a client can match
 * answers to requests.
 */
export const REALTIME_PATH = '/api/realtime';
/** far below ws's 100 MiB default: the longest message is 10,000 characters */
export const MAX_FRAME_BYTES = 64 * 1024;
/** a client that does not read is cut off once this much waits for it, instead of growing memory */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** sends a connection may have waiting for their commit at once */
export const MAX_SENDS_IN_FLIGHT = 1_000;
export const SYNC_PAGE = 100;

export const closeCodes = {
  goingAway: 1001,
  tooBig: 1009,
  sessionEnded: 4001,
  tooSlow: 4008,
} as const;

const id = z.string().uuid();
const ref = z.string().max(64).optional();

export const clientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('send'),
    ref,
    conversationId: id,
    clientMessageId: z.string().min(1).max(64),
    text: z.string().max(MAX_MESSAGE_CHARACTERS * 2),
    replyToId: id.nullable().optional(),
    mentions: z.array(id).max(100).optional(),
    attachmentIds: z.array(id).max(20).optional(),
  }),
  z.object({ type: z.literal('sync'), ref, conversationId: id, afterSeq: z.number().int().min(0) }),
  z.object({ type: z.literal('read'), ref, conversationId: id, seq: z.number().int().min(0) }),
  z.object({ type: z.literal('typing'), ref, conversationId: id }),
  z.object({ type: z.literal('ping'), ref }),
]);

export type ClientFrame = z.infer<typeof clientFrame>;
