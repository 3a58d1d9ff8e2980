import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../../config.ts';
import { DAY, MINUTE, type Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { deviceIndex } from '../../platform/crypto/blind-index.ts';
import { hmacHex, sameSecret } from '../../platform/crypto/derived-keys.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import { AppError } from '../../errors.ts';
import { accessEnded, type EventBus } from '../../platform/bus/event-bus.ts';
import type { SecurityService } from '../security/security.service.ts';
import type { AccountRow, IdentityRepo, SessionRow } from './identity.repo.ts';

export interface ActiveSession {
  session: SessionRow;
  account: AccountRow;
}

// Writing last_seen_at on every request would turn reads into writes; a minute is precise enough.
const TOUCH_EVERY_MS = MINUTE;

interface TouchBatch {
  ids: Set<string>;
  /** the latest sighting among them: a few milliseconds apart, far below the minute of precision */
  at: number;
  written: Promise<void>;
}

/**
 * Sessions (P4.1): an opaque 256-bit token, stored only as its SHA-256. A session lasts at most
 * `maxDays` (15) from sign-in and is never extended; one without "keep me signed in" also ends
 * after `idleMinutes` without use.
 */
export class SessionService {
  private gathering: TouchBatch | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      repo: IdentityRepo;
      envelope: Envelope;
      clock: Clock;
      config: Config;
      csrfKey: Buffer;
      security: SecurityService;
      /** where a session's end is announced: every server closes its sockets before the next event */
      bus: EventBus;
    },
  ) {}

  async start(account: AccountRow, client: ClientInfo, persistent: boolean): Promise<{ token: string; session: SessionRow }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const id = randomUUID();
    const session: SessionRow = {
      id,
      account_id: account.id,
      token_hash: hashToken(token),
      persistent: persistent ? 1 : 0,
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.deps.config.session.maxDays * DAY,
      ended_at: null,
      end_reason: null,
      ip_enc: await this.deps.envelope.seal(account.key_id, client.ip, `session.ip_enc:${id}`),
      device_index: client.deviceId ? await deviceIndex(this.deps.envelope, account.key_id, client.deviceId) : null,
      user_agent_enc: client.userAgent ? await this.deps.envelope.seal(account.key_id, client.userAgent, `session.user_agent_enc:${id}`) : null,
      time_zone: client.timeZone,
      language: client.language,
    };
    await this.deps.repo.insertSession(session);
    await this.deps.security.record('session.started', subjectOf(account), client, { sessionId: id, persistent });
    return { token, session };
  }

  /** The signed-in person behind a token, or null when the token is unknown, ended or expired. */
  async authenticate(token: string | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 100) return null;
    const session = await this.deps.repo.sessionByTokenHash(hashToken(token));
    if (!session || session.ended_at !== null) return null;
    const now = this.deps.clock.now();
    if (now >= this.expiryOf(session)) return null;
    const account = await this.deps.repo.accountById(session.account_id);
    if (!account || account.status !== 'active') return null;
    if (now - session.last_seen_at >= TOUCH_EVERY_MS) {
      await this.touch(session.id, now);
      session.last_seen_at = now;
    }
    return { session, account };
  }

  /**
   * Writes that a session was used, and resolves once it is committed. Touches due at the same
   * moment share one commit (when a server restarts, thousands of clients reconnect at once, and
   * each touch alone is an fsync); the next batch gathers while one is being written.
   */
  private touch(id: string, at: number): Promise<void> {
    let batch = this.gathering;
    if (!batch) {
      const gathering: TouchBatch = { ids: new Set(), at, written: Promise.resolve() };
      gathering.written = this.writing
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(() => {
          this.gathering = null;
          return this.deps.repo.touchSessions([...gathering.ids], gathering.at);
        });
      this.writing = gathering.written.catch(() => undefined);
      this.gathering = batch = gathering;
    }
    batch.ids.add(id);
    batch.at = Math.max(batch.at, at);
    return batch.written;
  }

  /** When the session stops being valid if it stays unused from now on. */
  expiryOf(session: SessionRow): number {
    if (session.persistent) return session.expires_at;
    return Math.min(session.expires_at, session.last_seen_at + this.deps.config.session.idleMinutes * MINUTE);
  }

  csrfTokenFor(session: SessionRow): string {
    return hmacHex(this.deps.csrfKey, session.token_hash);
  }

  checkCsrf(session: SessionRow, presented: string | undefined): void {
    if (!presented || !sameSecret(presented, this.csrfTokenFor(session))) throw new AppError('csrf_failed');
  }

  async list(accountId: string): Promise<Array<SessionRow & { ip: string | null; userAgent: string | null }>> {
    const now = this.deps.clock.now();
    const rows = (await this.deps.repo.openSessionsOf(accountId, now)).filter((row) => now < this.expiryOf(row));
    return Promise.all(
      rows.map(async (row) => {
        let ip: string | null = null;
        let userAgent: string | null = null;
        try {
          ip = await this.deps.envelope.openText(row.ip_enc, `session.ip_enc:${row.id}`);
          if (row.user_agent_enc) userAgent = await this.deps.envelope.openText(row.user_agent_enc, `session.user_agent_enc:${row.id}`);
        } catch {
          ip = null;
        }
        return { ...row, ip, userAgent };
      }),
    );
  }

  async end(active: ActiveSession, sessionId: string, client: ClientInfo, reason: 'sign_out' | 'ended_by_user'): Promise<void> {
    const ended = await this.deps.repo.endSession(active.account.id, sessionId, this.deps.clock.now(), reason);
    if (!ended) throw new AppError('session_not_found');
    await this.deps.bus.publish(accessEnded(active.account.id, [sessionId]));
    await this.deps.security.record('session.ended', subjectOf(active.account), client, { sessionId, reason });
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function subjectOf(account: AccountRow): { id: string; keyId: string } {
  return { id: account.id, keyId: account.key_id };
}
