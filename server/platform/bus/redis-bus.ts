import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventBus, RealtimeEvent } from './event-bus.ts';

const CHANNEL = 'lockstep:realtime:v1';

/**
 * Pub/sub through Redis. Events carry message text, so each is sealed (AES-256-GCM under a key
 * derived from the KEK that every server shares) before it leaves the process: Redis and the
 * network between the servers see only ciphertext.
 */
export class RedisBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners: Array<(event: RealtimeEvent) => void> = [];

  private constructor(
    url: string,
    private readonly key: Buffer,
    private readonly logger: Logger,
  ) {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const client of [this.publisher, this.subscriber]) client.on('error', (error) => this.logger.warn({ err: { message: error.message } }, 'redis bus error'));
  }

  static async connect(url: string, key: Buffer, logger: Logger): Promise<RedisBus> {
    const bus = new RedisBus(url, key, logger);
    await bus.publisher.connect();
    await bus.subscriber.connect();
    bus.subscriber.on('messageBuffer', (_channel: Buffer, payload: Buffer) => bus.deliver(payload));
    await bus.subscriber.subscribe(CHANNEL);
    return bus;
  }

  /**
   * Never fails the caller: what is published has already been committed, so a send must still be
   * acknowledged when Redis is away; clients that missed the live event catch up with `sync`.
   */
  async publish(event: RealtimeEvent): Promise<void> {
    try {
      await this.publisher.publish(CHANNEL, this.seal(Buffer.from(JSON.stringify(event))));
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'a realtime event could not be published to Redis');
    }
  }

  subscribe(listener: (event: RealtimeEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private deliver(payload: Buffer): void {
    let event: RealtimeEvent;
    try {
      event = JSON.parse(this.open(payload).toString('utf8')) as RealtimeEvent;
    } catch {
      this.logger.warn('a realtime event on the bus could not be opened; it was dropped');
      return;
    }
    for (const listener of this.listeners) listener(event);
  }

  private seal(plaintext: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private open(sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  }
}
