import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ThreadConnection } from '../../platform/db/dialect-profile.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import type { MessageWriting, SendRequest, StoredMessage } from './message-writer.ts';

/** What the server's thread and the writer's thread say to each other. */
export type ToWriterThread = { type: 'send'; sends: Array<{ id: number; request: SendRequest }> } | { type: 'close' };
export type FromWriterThread = { type: 'ready' } | { type: 'outcomes'; outcomes: SendOutcome[] };
export type SendOutcome =
  | { id: number; stored: StoredMessage }
  | { id: number; refused: { code: ErrorCode; extra: Record<string, unknown>; message: string } }
  | { id: number; failed: string };

export interface WriterThreadData {
  entry: string;
  database: ThreadConnection;
  keystore: ThreadConnection;
  kek: Uint8Array;
  maxBatch: number;
}

// Short transactions: the server's own thread waits for the write lock while one is open.
const THREAD_MAX_BATCH = 500;
const CLOSE_WAIT_MS = 5_000;

/**
 * The message writer in a thread of its own, for SQLite: better-sqlite3 runs every statement and
 * the commit's fsync on the calling thread, so a group commit in the server's thread stops every
 * socket for as long as the disk takes. Here the server's thread only passes sends on (all that
 * arrived in one turn of the event loop in one message) and settles each when the writer thread
 * says it is committed, so an acknowledgement still means the message is on disk.
 */
export class MessageWriterThread implements MessageWriting {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (stored: StoredMessage) => void; reject: (error: unknown) => void }>();
  private outgoing: Array<{ id: number; request: SendRequest }> = [];
  private posting = false;
  private nextId = 1;
  private idle: Array<() => void> = [];
  private ready = false;

  constructor(
    private readonly deps: { database: ThreadConnection; keystore: ThreadConnection; kek: Buffer; logger: Logger },
  ) {}

  /**
   * Starts the writer thread now rather than at the first send, and resolves once it has opened
   * its connections: a server starts it before it listens, so its first sends do not wait for a
   * thread to load (a second or more on a busy machine).
   */
  start(): Promise<void> {
    const worker = this.worker ?? this.spawn();
    return new Promise((resolve, reject) => {
      if (this.ready) return resolve();
      const onMessage = (message: FromWriterThread) => {
        if (message.type !== 'ready') return;
        worker.off('exit', onExit);
        worker.off('message', onMessage);
        resolve();
      };
      const onExit = (code: number) => {
        worker.off('message', onMessage);
        reject(new Error(`the message writer thread stopped while starting (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
  }

  send(request: SendRequest): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      this.outgoing.push({ id, request });
      if (!this.posting) {
        this.posting = true;
        setImmediate(() => this.post());
      }
    });
  }

  flushed(): Promise<void> {
    if (!this.waiting.size) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.flushed();
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies ToWriterThread);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  private post(): void {
    this.posting = false;
    const sends = this.outgoing;
    this.outgoing = [];
    if (!sends.length) return;
    const worker = this.worker ?? this.spawn();
    worker.ref();
    worker.postMessage({ type: 'send', sends } satisfies ToWriterThread);
  }

  private spawn(): Worker {
    const data: WriterThreadData = {
      entry: new URL('./message-writer.worker.ts', import.meta.url).href,
      database: this.deps.database,
      keystore: this.deps.keystore,
      kek: this.deps.kek,
      maxBatch: THREAD_MAX_BATCH,
    };
    const worker = new Worker(new URL('../../platform/threads/run-typescript.mjs', import.meta.url), { workerData: data });
    this.ready = false;
    worker.on('message', (message: FromWriterThread) => {
      if (message.type !== 'ready') this.settle(message.outcomes);
      else {
        this.ready = true;
        // an idle writer does not keep the process alive; a waiting send does (see post)
        if (!this.waiting.size) worker.unref();
      }
    });
    worker.on('error', (error) => this.deps.logger.error({ err: error }, 'message writer thread failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      // Sends it had not answered may or may not be committed: the sender's retry with the same
      // client message id finds out without a duplicate.
      if (this.waiting.size) this.deps.logger.error({ code, unanswered: this.waiting.size }, 'message writer thread stopped');
      this.settle([...this.waiting.keys()].map((id) => ({ id, failed: 'the message writer stopped' })));
    });
    this.worker = worker;
    return worker;
  }

  private settle(outcomes: SendOutcome[]): void {
    for (const outcome of outcomes) {
      const waiter = this.waiting.get(outcome.id);
      if (!waiter) continue;
      this.waiting.delete(outcome.id);
      if ('stored' in outcome) waiter.resolve(revive(outcome.stored));
      else if ('refused' in outcome) waiter.reject(new AppError(outcome.refused.code, outcome.refused.extra, outcome.refused.message));
      else waiter.reject(new Error(outcome.failed));
    }
    if (!this.waiting.size) {
      this.worker?.unref();
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}

/** Buffers cross threads as plain Uint8Arrays. */
function revive(stored: StoredMessage): StoredMessage {
  const sealed = stored.message.body_enc as Uint8Array | null;
  return { ...stored, message: { ...stored.message, body_enc: sealed ? Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength) : null } };
}
