/**
 * Fan-out between server processes. Every process publishes what happened in a chat and every
 * process (itself included) hears it and delivers it to the people connected to it. In one
 * process the bus is memory; with REDIS_URL set it is Redis pub/sub, so clients on different
 * servers that share one PostgreSQL talk to each other.
 *
 * Events reach every process in the order they were published (Redis keeps it too), and a process
 * acts on each before the next: so what is published once an access has ended is never delivered
 * under that access.
 */
export type RealtimeEvent = ChatEvent | AccessEnded;

/** Something happened in a chat, or in a person's contacts. */
export interface ChatEvent {
  /** the chat it is about, which orders its events; `contacts:<account id>` for a person's contacts */
  conversationId: string;
  /** what the connected clients receive */
  frame: Record<string, unknown>;
  /** deliver to exactly these accounts; otherwise to the chat's current members */
  accountIds?: string[];
  /** membership changed: every process drops what it remembers of the chat's members */
  membersChanged?: boolean;
}

/**
 * A person's access ended: a membership of an organisation (every process forgets the chat
 * members it remembered with them), and with `sessionIds` sessions too (every process closes
 * their sockets). Nothing is delivered to anyone.
 */
export interface AccessEnded {
  accessEnded: {
    accountId: string;
    /** the sessions that ended, `all` of the account's, or none (only a membership ended) */
    sessionIds: string[] | 'all' | null;
  };
}

export interface EventBus {
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(listener: (event: RealtimeEvent) => void): void;
  close(): Promise<void>;
}

export function accessEnded(accountId: string, sessionIds: AccessEnded['accessEnded']['sessionIds']): AccessEnded {
  return { accessEnded: { accountId, sessionIds } };
}
