import { useMemo, useSyncExternalStore } from 'react';
import type { ChatAttachment } from '../api/chat';

/**
 * Messages the person sent that have no acknowledgement yet. They show at once (greyed, "sending")
 * and stay until the server's ack says they are stored; a failed one keeps its clientMessageId, so
 * "Retry" can never store it twice.
 */
export interface PendingMessage {
  clientMessageId: string;
  orgId: string;
  conversationId: string;
  text: string;
  replyToId: string | null;
  mentions: string[];
  attachments: ChatAttachment[];
  createdAt: string;
  status: 'sending' | 'failed';
  /** the server's error code and message, or null for a timeout or a lost connection */
  error: { code: string; message: string } | null;
}

let pending: readonly PendingMessage[] = [];
const listeners = new Set<() => void>();

function publish(next: readonly PendingMessage[]): void {
  pending = next;
  for (const listener of listeners) listener();
}

export const outbox = {
  all(): readonly PendingMessage[] {
    return pending;
  },
  get(clientMessageId: string): PendingMessage | undefined {
    return pending.find((entry) => entry.clientMessageId === clientMessageId);
  },
  add(entry: PendingMessage): void {
    publish([...pending.filter((held) => held.clientMessageId !== entry.clientMessageId), entry]);
  },
  update(clientMessageId: string, changes: Partial<Pick<PendingMessage, 'status' | 'error'>>): void {
    if (!this.get(clientMessageId)) return;
    publish(pending.map((entry) => (entry.clientMessageId === clientMessageId ? { ...entry, ...changes } : entry)));
  },
  remove(clientMessageId: string): void {
    if (!this.get(clientMessageId)) return;
    publish(pending.filter((entry) => entry.clientMessageId !== clientMessageId));
  },
  clear(): void {
    publish([]);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePendingMessages(conversationId: string): PendingMessage[] {
  const all = useSyncExternalStore(outbox.subscribe, outbox.all);
  return useMemo(() => all.filter((entry) => entry.conversationId === conversationId), [all, conversationId]);
}
