import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

/**
 * A test client of the realtime protocol: keeps every frame it receives, matches answers to
 * requests by `ref`, and waits for frames with a deadline so a missing answer fails fast.
 */
export class RealtimeClient {
  readonly received: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  private refs = 0;

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data, isBinary) => {
      // the protocol is text frames only: a browser hands a binary frame to the page as a Blob
      const frame = (isBinary ? { type: 'binary_frame_from_server' } : JSON.parse(data.toString())) as Frame;
      this.received.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(frame)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<RealtimeClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new RealtimeClient(socket);
      socket.once('open', () => client.next((frame) => frame.type === 'hello').then(() => resolve(client), reject));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(frame: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string): void {
    this.socket.send(data);
  }

  /** Sends a frame with a fresh ref and resolves with the answer carrying it. */
  request(frame: Record<string, unknown>, timeoutMs = 10_000): Promise<Frame> {
    const ref = `r${++this.refs}`;
    const answer = this.wait((candidate) => candidate.ref === ref, timeoutMs);
    this.send({ ...frame, ref });
    return answer;
  }

  /** The next frame (from now on, or already received since the last call) that matches. */
  next(match: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const seen = this.received.find(match);
    if (seen) {
      this.received.splice(this.received.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return this.wait(match, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }

  private wait(match: (frame: Frame) => boolean, timeoutMs: number): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter.resolve !== done);
        reject(new Error(`no matching frame within ${timeoutMs} ms; received: ${JSON.stringify(this.received.slice(-5))}`));
      }, timeoutMs);
      const done = (frame: Frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.waiters.push({ match, resolve: done });
    });
  }
}
