import type { SendRequest } from '../../server/modules/chat/message-writer.ts';
import type { Plan } from './plan.ts';
import { messageText } from './connections.ts';

/**
 * The n-th message of the 1:1 benchmark as the message writer takes it, for the tools that drive
 * a writer without sockets: the direct chats in turn, their two people sending alternately, the
 * benchmark's texts with their search tokens.
 */
export function directSendRequest(plan: Plan, n: number, clientId: string, tokens: (conversationId: string, text: string) => string[]): SendRequest {
  const pair = plan.pairs[n % plan.pairs.length]!;
  const from = n % 2 ? pair.a : pair.b;
  const text = messageText(n);
  return {
    orgId: null,
    accountId: plan.people[from]!.accountId,
    conversationId: pair.conversationId,
    clientId,
    body: { text, mentions: [] },
    replyToId: null,
    attachmentIds: [],
    at: Date.now(),
    searchTokens: tokens(pair.conversationId, text),
  };
}
