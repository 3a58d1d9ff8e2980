import WebSocket from 'ws';

/**
 * The load client's side of the realtime protocol: authenticated connections and a cheap reading
 * of the frames it receives. At 100,000 frames a second the client shares the machine's two cores
 * with the server, so frames are classified by their first bytes and the client message id is
 * read in place instead of parsing every frame as JSON. Both servers send the same shapes.
 */
export type FrameListener = (connection: BenchConnection, data: Buffer, at: number) => void;

/** Errors and close codes the servers answered with, by code: a benchmark that hides them lies. */
export class Tally {
  readonly errors = new Map<string, number>();
  readonly closes = new Map<number, number>();

  error(data: Buffer): void {
    const at = data.indexOf('"code":"');
    const code = at < 0 ? 'unknown' : data.toString('latin1', at + 8, data.indexOf('"', at + 8));
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  count(what: string): void {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
  }

  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  toJSON(): { errors: Record<string, number>; closes: Record<string, number> } {
    return { errors: Object.fromEntries(this.errors), closes: Object.fromEntries(this.closes) };
  }
}

export class BenchConnection {
  listener: FrameListener | null = null;
  /** the connection's place in the current scenario */
  slot = 0;
  private closing = false;

  constructor(
    readonly socket: WebSocket,
    readonly person: number,
    tally: Tally,
  ) {
    socket.on('message', (data) => this.listener?.(this, data as Buffer, performance.now()));
    socket.on('close', (code) => {
      if (!this.closing) tally.closed(code);
    });
  }

  send(frame: string): void {
    this.socket.send(frame);
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 5_000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close(1000);
    });
  }
}

/** Opens one connection per person, `concurrency` handshakes at a time, each waiting for `hello`. */
export async function connectMany(
  url: string,
  people: number[],
  tokenOf: (person: number) => string,
  options: { concurrency: number; deadline: number; tally: Tally },
): Promise<BenchConnection[]> {
  const connections: BenchConnection[] = new Array(people.length);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      if (Date.now() > options.deadline) throw new Error(`connecting: deadline passed after ${next} of ${people.length}`);
      const index = next++;
      connections[index] = await connectOne(url, people[index]!, tokenOf(people[index]!), options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, people.length) }, worker));
  return connections;
}

function connectOne(url: string, person: number, token: string, options: { deadline: number; tally: Tally }): Promise<BenchConnection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie: `lockstep_session=${token}` }, perMessageDeflate: false, skipUTF8Validation: true });
    const timer = setTimeout(() => fail(new Error('no hello before the deadline')), Math.max(1, options.deadline - Date.now()));
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    };
    socket.once('unexpected-response', (_request, response) => fail(new Error(`handshake refused: ${response.statusCode}`)));
    socket.once('error', fail);
    socket.once('message', (data) => {
      clearTimeout(timer);
      socket.off('error', fail);
      socket.on('error', () => socket.terminate());
      if (frameType(data as Buffer) !== HELLO) return fail(new Error(`expected hello, got ${String(data).slice(0, 80)}`));
      resolve(new BenchConnection(socket, person, options.tally));
    });
  });
}

export async function closeAll(connections: BenchConnection[]): Promise<void> {
  await Promise.all(connections.map((connection) => connection.close()));
}

// `{"type":"` is 9 bytes: the 10th is the first letter of the frame's type.
export const ACK = 0x61; // a
export const MESSAGE = 0x6d; // m
export const HELLO = 0x68; // h
export const ERROR = 0x65; // e

export function frameType(data: Buffer): number {
  return data[9] ?? 0;
}

/** An ack ends `"duplicate":true}` or `"duplicate":false}`: a fresh send answered as a retry is a fault. */
export function isDuplicateAck(data: Buffer): boolean {
  return data[data.length - 5] === 0x74; // t
}

/**
 * Client message ids are `<phase>.<slot>.<n>` (unique per sender across the run, so Lockstep's
 * idempotency never answers a fresh send as a duplicate). Reads the one in a frame without
 * allocating; the result is valid until the next call.
 */
export const parsed = { phase: -1, slot: -1, n: -1 };
const KEY = '"clientMessageId":"';

export function readClientId(data: Buffer): boolean {
  let at = data.indexOf(KEY);
  if (at < 0) return false;
  at += KEY.length;
  const values = [0, 0, 0];
  let part = 0;
  for (; at < data.length; at++) {
    const byte = data[at]!;
    if (byte === 0x2e) {
      if (++part > 2) return false;
    } else if (byte >= 0x30 && byte <= 0x39) values[part] = values[part]! * 10 + (byte - 0x30);
    else break;
  }
  if (part !== 2) return false;
  parsed.phase = values[0]!;
  parsed.slot = values[1]!;
  parsed.n = values[2]!;
  return true;
}

/** A send frame's fixed part, built once per sender and conversation. */
export function sendPrefix(conversationId: string): string {
  return `{"type":"send","conversationId":"${conversationId}","clientMessageId":"`;
}

/**
 * Typical chat messages, taken in turn. By default Chinese with a little English (the search
 * index segments Chinese into words and single characters: 30 to 36 entries a message);
 * BENCH_TEXT=en sends English sentences of about the same length (about 14 entries). A handful of
 * sentences, not one, so a chat's words repeat as they do in life but not all of them every time.
 */
const TEXTS =
  process.env.BENCH_TEXT === 'en'
    ? [
        'Meeting moved to 3pm in room 402, please bring the Q3 sales figures',
        'The firmware build failed again on the door lock test bench, looking into it',
        'Can someone review the installer manual before we send it to the printer?',
        'Customer in Shenzhen reports the app does not pair with the new gateway',
        'Lunch is on the team today, thanks everyone for shipping the release',
        'Reminder: the security audit starts Monday, keep your laptops updated',
      ]
    : [
        '今天下午三点在402会议室开会，请带上第三季度的销售数据 see you there',
        '门锁测试台上的固件构建又失败了，我正在排查原因 build 1432',
        '安装手册发给印刷厂之前，谁能帮忙再审一遍？谢谢',
        '深圳的客户反馈新网关和手机应用无法配对，请售后跟进',
        '今天午饭团队请客，感谢大家按时完成了这次发布',
        '提醒：安全审计周一开始，请大家提前更新笔记本电脑的系统',
      ];

/** The text of a connection's n-th message: one of the sentences, made unique by its number. */
export function messageText(n: number): string {
  return `${TEXTS[n % TEXTS.length]} (${n})`;
}

export function sendFrame(prefix: string, phase: number, slot: number, n: number): string {
  return `${prefix}${phase}.${slot}.${n}","text":"${messageText(n)}"}`;
}
