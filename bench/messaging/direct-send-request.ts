import type { SendRequest } from '../../server/modules/chat/message-writer.ts';
import { searchTerms } from '../../server/modules/chat/message-search-terms.ts';
import type { Plan } from './plan.ts';
import { messageText } from './connections.ts';

/**
 * The n-th message of the 1:1 benchmark as the message writer takes it, for the tools that drive
 * a writer without sockets: the direct chats in turn, their two people sending alternately, the
 * benchmark's texts with their search terms (the writer keys them under the sender's member key).
 */
export function directSendRequest(plan: Plan, n: number, clientId: string): SendRequest {
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
    searchTerms: searchTerms(text),
  };
}
