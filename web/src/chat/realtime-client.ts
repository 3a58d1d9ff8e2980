/**
 * The browser's end of the realtime protocol (docs/realtime-protocol.md): one WebSocket per tab
 * to /api/realtime on the page's own origin. It knows nothing of chats: it connects, reconnects
 * with exponential backoff, notices a connection that went silent, and passes every frame on.
 */

export type RealtimeStatus = 'connecting' | 'open' | 'closed';

/** Any frame the server sends; `type` says which (hello, ack, history, message, error…). */
export interface ServerFrame {
  type: string;
  ref?: string;
  [field: string]: unknown;
}

export interface RealtimeOptions {
  url(): string;
  /** the first retry waits about this long; each failure doubles it, up to maxDelayMs */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** a ping goes out after this much silence; no answer within as long again and the connection is given up */
  idleMs?: number;
}

/** Close codes the server uses (realtime-protocol.ts). */
const sessionEnded = 4001;

export function realtimeUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/realtime`;
}

/** The wait before reconnect attempt `attempt` (0-based): doubling, capped, with jitter so that a restarted server is not hit by every tab at once. */
export function backoffDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random = Math.random): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class RealtimeClient {
  status: RealtimeStatus = 'closed';
  private socket: WebSocket | null = null;
  private wanted = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private awaitingPong = false;
  private readonly frameListeners = new Set<(frame: ServerFrame) => void>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: RealtimeOptions) {
    this.minDelayMs = options.minDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.idleMs = options.idleMs ?? 25_000;
  }

  /** Connects, and keeps reconnecting until stop(). */
  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    window.addEventListener('online', this.reconnectNow);
    document.addEventListener('visibilitychange', this.reconnectIfVisible);
    this.connect();
  }

  stop(): void {
    this.wanted = false;
    window.removeEventListener('online', this.reconnectNow);
    document.removeEventListener('visibilitychange', this.reconnectIfVisible);
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'done');
    this.setStatus('closed');
  }

  get isOpen(): boolean {
    return this.status === 'open' && this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if the connection is open; false when it is not (the caller decides what then). */
  send(frame: Record<string, unknown>): boolean {
    if (!this.isOpen) return false;
    this.socket!.send(JSON.stringify(frame));
    return true;
  }

  onFrame(listener: (frame: ServerFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    if (!this.wanted || this.socket) return;
    this.setStatus('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => this.receive(socket, event);
    socket.onclose = (event) => this.closed(socket, event.code);
    // an error is always followed by close, which does the work
    socket.onerror = () => undefined;
  }

  private receive(socket: WebSocket, event: MessageEvent): void {
    if (socket !== this.socket || typeof event.data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(event.data) as ServerFrame;
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;
    this.heard();
    if (frame.type === 'hello') {
      // the server accepted us: the next failure starts the backoff afresh
      this.attempt = 0;
      this.setStatus('open');
    }
    if (frame.type === 'pong') return;
    for (const listener of this.frameListeners) listener(frame);
  }

  /** Any frame shows the connection is alive; after a silence a ping asks, and no answer ends it. */
  private heard(): void {
    this.awaitingPong = false;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.probe(), this.idleMs);
  }

  private probe(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (this.awaitingPong) {
      // half-open: the network went away without a close; start again
      this.drop(socket);
      return;
    }
    this.awaitingPong = true;
    socket.send(JSON.stringify({ type: 'ping' }));
    this.idleTimer = setTimeout(() => this.probe(), this.idleMs);
  }

  private drop(socket: WebSocket): void {
    socket.onclose = null;
    socket.onmessage = null;
    socket.close(4000, 'no answer');
    this.closed(socket, 1006);
  }

  private closed(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    this.socket = null;
    clearTimeout(this.idleTimer);
    this.setStatus('closed');
    // signed out (here or elsewhere): reconnecting would only be refused
    if (code === sessionEnded) {
      this.wanted = false;
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.wanted) return;
    const delay = backoffDelay(this.attempt, this.minDelayMs, this.maxDelayMs);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private readonly reconnectNow = () => {
    if (!this.wanted || this.socket) return;
    this.attempt = 0;
    this.connect();
  };

  private readonly reconnectIfVisible = () => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };
}
