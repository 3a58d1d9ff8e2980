import type { Envelope } from '../../platform/crypto/envelope.ts';
import { searchToken } from './message-search-terms.ts';

/**
 * Search entries are made under a key derived from the sender's member key (decision 0016): it
 * is never stored, and it dies with the member key, so once a sender is erased no one, not even
 * with the KEK and a backup taken before, can recompute an entry of theirs to test a guessed word.
 */
const LABEL = 'message-search';

export function senderSearchKey(envelope: Envelope, memberKeyId: string): Promise<Buffer> {
  return envelope.derive(memberKeyId, LABEL);
}

/** A message's entries: its terms keyed for its chat under its sender's search key. */
export async function senderSearchTokens(envelope: Envelope, memberKeyId: string, conversationId: string, terms: readonly string[]): Promise<string[]> {
  if (!terms.length) return [];
  const key = await senderSearchKey(envelope, memberKeyId);
  return terms.map((term) => searchToken(key, conversationId, term));
}
