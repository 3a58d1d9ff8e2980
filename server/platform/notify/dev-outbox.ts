import { randomUUID } from 'node:crypto';
import type { Courier, OutgoingMessage } from './message.ts';
import type { Clock } from '../clock.ts';

export interface OutboxEntry extends OutgoingMessage {
  id: string;
  createdAt: number;
}

/**
 * Development mode only: messages are kept in memory, never on disk, so a developer can sign in
 * without SMTP or SMS and the database and logs stay free of codes and addresses.
 */
export class DevOutbox implements Courier {
  private readonly entries: OutboxEntry[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 500,
  ) {}

  async deliver(message: OutgoingMessage): Promise<void> {
    this.entries.unshift({ ...message, id: randomUUID(), createdAt: this.clock.now() });
    this.entries.length = Math.min(this.entries.length, this.capacity);
  }

  /** newest first */
  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  latestFor(recipient: string): OutboxEntry | undefined {
    return this.entries.find((entry) => entry.to === recipient);
  }
}
