import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { Logger } from 'pino';
import { AppError, errorCatalog } from '../../errors.ts';
import type { MessageService } from './messages.service.ts';
import { clientFrame, closeCodes, MAX_BUFFERED_BYTES, MAX_SENDS_IN_FLIGHT, SYNC_PAGE, type ClientFrame } from './realtime-protocol.ts';

/** One client's WebSocket: reads its frames, answers them, and passes chat events on to it. */
export class RealtimeConnection {
  private inFlight = 0;
  alive = true;
  private closing = false;

  constructor(
    readonly socket: WebSocket,
    readonly accountId: string,
    /** the session the handshake was made with: its id, by which its end is announced, and its token, checked by the sweep */
    readonly session: { id: string; token: string },
    private readonly deps: { messages: MessageService; logger: Logger },
  ) {
    socket.on('message', (data, isBinary) => void this.receive(data as Buffer, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
  }

  /** Sends a serialised frame (text, also when given as UTF-8 bytes), or cuts off a client that has stopped reading. */
  push(data: string | Buffer): void {
    if (this.closing || this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(closeCodes.tooSlow, 'too slow: reconnect and resume from your last sequence');
      return;
    }
    holdUntilTurnEnds(this.socket);
    if (typeof data === 'string') this.socket.send(data);
    else this.socket.send(data, { binary: false });
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.close(code, reason);
    // a client that does not read will not read the close frame either
    setTimeout(() => this.socket.terminate(), 2_000).unref();
  }

  private reply(frame: Record<string, unknown>): void {
    this.push(JSON.stringify(frame));
  }

  private fail(ref: string | undefined, error: unknown, about: Record<string, string> = {}): void {
    if (error instanceof AppError) {
      this.reply({ type: 'error', ...(ref !== undefined ? { ref } : {}), ...about, code: error.code, message: error.message, ...error.extra });
      return;
    }
    this.deps.logger.error({ err: error }, 'realtime frame failed');
    this.reply({ type: 'error', ...(ref !== undefined ? { ref } : {}), ...about, code: 'internal_error', message: errorCatalog.internal_error.message });
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not part of the protocol');
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      this.fail(undefined, new AppError('invalid_frame'));
      return;
    }
    const parsed = clientFrame.safeParse(raw);
    if (!parsed.success) {
      const ref = (raw as { ref?: unknown } | null)?.ref;
      const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || 'frame'}: ${issue.message}`);
      this.fail(typeof ref === 'string' ? ref.slice(0, 64) : undefined, new AppError('invalid_frame', { issues }));
      return;
    }
    const frame: ClientFrame = parsed.data;
    const actor = { accountId: this.accountId, orgId: null };
    try {
      switch (frame.type) {
        case 'ping':
          this.reply({ type: 'pong', ...(frame.ref !== undefined ? { ref: frame.ref } : {}) });
          return;
        case 'send': {
          if (this.inFlight >= MAX_SENDS_IN_FLIGHT) throw new AppError('rate_limited', {}, 'Too many messages are waiting to be saved; wait for their acknowledgements.');
          this.inFlight++;
          try {
            const { message, duplicate } = await this.deps.messages.send(actor, frame.conversationId, frame);
            this.reply({ type: 'ack', ...(frame.ref !== undefined ? { ref: frame.ref } : {}), clientMessageId: frame.clientMessageId, conversationId: frame.conversationId, messageId: message.id, seq: message.seq, createdAt: message.createdAt, duplicate });
          } finally {
            this.inFlight--;
          }
          return;
        }
        case 'sync': {
          const page = await this.deps.messages.history(actor, frame.conversationId, { afterSeq: frame.afterSeq, limit: SYNC_PAGE });
          const last = page.messages.at(-1)?.seq ?? frame.afterSeq;
          this.reply({ type: 'history', ...(frame.ref !== undefined ? { ref: frame.ref } : {}), conversationId: frame.conversationId, messages: page.messages, lastSeq: page.lastSeq, more: last < page.lastSeq });
          return;
        }
        case 'read': {
          const { lastReadSeq } = await this.deps.messages.markRead(actor, frame.conversationId, frame.seq);
          if (frame.ref !== undefined) this.reply({ type: 'ok', ref: frame.ref, lastReadSeq });
          return;
        }
        case 'typing':
          await this.deps.messages.typing(actor, frame.conversationId);
          return;
      }
    } catch (error) {
      // a failed send names its client message id, so a client can match it without a ref
      this.fail(frame.ref, error, frame.type === 'send' ? { clientMessageId: frame.clientMessageId, conversationId: frame.conversationId } : {});
    }
  }
}

// Frames a connection is sent in one turn of the event loop leave in one write. A sender's
// acknowledgements, its own messages and its peers' messages of a batch otherwise cost a system
// call each (writev was a sixth of the server's thread at saturation).
const held = new Set<Socket>();

function holdUntilTurnEnds(socket: WebSocket): void {
  // ws keeps the TCP socket it writes to here; it corks it itself around each frame, and corks nest
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  if (!tcp || held.has(tcp)) return;
  tcp.cork();
  held.add(tcp);
  if (held.size === 1) setImmediate(releaseHeld);
}

function releaseHeld(): void {
  for (const tcp of held) tcp.uncork();
  held.clear();
}
