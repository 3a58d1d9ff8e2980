/**
 * Fan-out between server processes. Every process publishes what happened in a chat and every
 * process (itself included) hears it and delivers it to the people connected to it. In one
 * process the bus is memory; with REDIS_URL set it is Redis pub/sub, so clients on different
 * servers that share one PostgreSQL talk to each other.
 */
export interface RealtimeEvent {
  /** the chat it is about, which orders its events; `contacts:<account id>` for a person's contacts */
  conversationId: string;
  /** what the connected clients receive */
  frame: Record<string, unknown>;
  /** deliver to exactly these accounts; otherwise to the chat's current members */
  accountIds?: string[];
  /** membership changed: every process drops what it remembers of the chat's members */
  membersChanged?: boolean;
}

export interface EventBus {
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(listener: (event: RealtimeEvent) => void): void;
  close(): Promise<void>;
}
