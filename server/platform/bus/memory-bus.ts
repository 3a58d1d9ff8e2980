import type { EventBus, RealtimeEvent } from './event-bus.ts';

/** The bus of a single server process. */
export class MemoryBus implements EventBus {
  private readonly listeners: Array<(event: RealtimeEvent) => void> = [];

  async publish(event: RealtimeEvent): Promise<void> {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: RealtimeEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
  }
}
