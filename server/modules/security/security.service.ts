import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { deviceIndex, type BlindIndex } from '../../platform/crypto/blind-index.ts';
import type { ClientInfo } from '../../platform/http/client-info.ts';
import { AppError } from '../../errors.ts';
import type { RateCounters } from './rate-limits.ts';
import { SecurityRepo, type NoticeRow, type SecurityEventRow } from './security.repo.ts';
import { HOUR } from '../../platform/clock.ts';
import { storedDetail, type SecurityEventDetail, type SecurityEventType } from './security-event-detail.ts';

export type { SecurityEventType } from './security-event-detail.ts';

/** The subject a record belongs to: its id and the data key its personal fields are sealed under. */
export interface Subject {
  id: string;
  keyId: string;
}

export interface CrashReportInput {
  message: string;
  stack?: string | undefined;
  url?: string | undefined;
  component?: string | undefined;
}

const CRASH_REPORTS_PER_IP_PER_HOUR = 20;

/**
 * Security monitoring (P3.3): what happened, when (UTC), from which address, device, browser,
 * time zone and language. IP addresses and user agents are sealed under the person's own data
 * key, so erasing the person erases their trail too; the device id is kept only as a blind index,
 * and the detail only as its type's closed set of keys (security-event-detail.ts).
 */
export class SecurityService {
  readonly repo: SecurityRepo;

  constructor(
    private readonly deps: {
      repo: SecurityRepo;
      envelope: Envelope;
      blindIndex: BlindIndex;
      clock: Clock;
      rateCounters: RateCounters;
    },
  ) {
    this.repo = deps.repo;
  }

  /** One event, its detail checked against its type's schema before anything is written. */
  async record<T extends SecurityEventType>(type: T, subject: Subject | null, client: ClientInfo, ...[detail]: SecurityEventDetail<T> extends undefined ? [] : [SecurityEventDetail<T>]): Promise<void> {
    const stored = storedDetail(type, detail);
    const id = randomUUID();
    const keyId = subject?.keyId ?? (await this.deps.envelope.systemKey('security'));
    await this.deps.repo.insertEvent({
      id,
      account_id: subject?.id ?? null,
      key_id: keyId,
      type,
      occurred_at: this.deps.clock.now(),
      ip_enc: await this.deps.envelope.seal(keyId, client.ip, `security_event.ip_enc:${id}`),
      // under the account's key, or with no account under the rotating blind-index epoch: never under a key that outlives an erasure
      device_index: client.deviceId ? (subject ? await deviceIndex(this.deps.envelope, keyId, client.deviceId) : await this.deps.blindIndex.of('device', client.deviceId)) : null,
      user_agent_enc: client.userAgent ? await this.deps.envelope.seal(keyId, client.userAgent, `security_event.user_agent_enc:${id}`) : null,
      time_zone: client.timeZone,
      language: client.language,
      detail: stored,
    });
  }

  async eventsOf(accountId: string): Promise<Array<SecurityEventRow & { ip: string | null; userAgent: string | null }>> {
    const rows = await this.deps.repo.eventsOf(accountId, 200);
    return Promise.all(
      rows.map(async (row) => ({
        ...row,
        ip: await this.openOrNull(row.ip_enc, `security_event.ip_enc:${row.id}`),
        userAgent: row.user_agent_enc ? await this.openOrNull(row.user_agent_enc, `security_event.user_agent_enc:${row.id}`) : null,
      })),
    );
  }

  async notify(subject: Subject, kind: 'new_device_sign_in' | 'policy_changed' | 'privacy_request_closed', data: Record<string, string>): Promise<void> {
    const id = randomUUID();
    await this.deps.repo.insertNotice({
      id,
      account_id: subject.id,
      key_id: subject.keyId,
      kind,
      created_at: this.deps.clock.now(),
      read_at: null,
      data_enc: await this.deps.envelope.seal(subject.keyId, JSON.stringify(data), `notice.data_enc:${id}`),
    });
  }

  async noticesOf(accountId: string): Promise<Array<NoticeRow & { data: Record<string, string> }>> {
    const rows = await this.deps.repo.noticesOf(accountId, 50);
    return Promise.all(
      rows.map(async (row) => {
        const text = await this.openOrNull(row.data_enc, `notice.data_enc:${row.id}`);
        return { ...row, data: text ? (JSON.parse(text) as Record<string, string>) : {} };
      }),
    );
  }

  async markNoticeRead(accountId: string, noticeId: string): Promise<void> {
    if (!(await this.deps.repo.markNoticeRead(accountId, noticeId, this.deps.clock.now()))) throw new AppError('notice_not_found');
  }

  async reportCrash(subject: Subject | null, client: ClientInfo, report: CrashReportInput): Promise<void> {
    const limit = await this.deps.rateCounters.hit(this.deps.rateCounters.bucket('crash-ip', client.ip), HOUR, CRASH_REPORTS_PER_IP_PER_HOUR);
    if (!limit.allowed) throw new AppError('rate_limited', { retryAfterSeconds: limit.retryAfterSeconds });
    const id = randomUUID();
    const keyId = subject?.keyId ?? (await this.deps.envelope.systemKey('crash'));
    await this.deps.repo.insertCrash({
      id,
      account_id: subject?.id ?? null,
      key_id: keyId,
      received_at: this.deps.clock.now(),
      report_enc: await this.deps.envelope.seal(keyId, JSON.stringify(report), `crash_report.report_enc:${id}`),
      user_agent_enc: client.userAgent ? await this.deps.envelope.seal(keyId, client.userAgent, `crash_report.user_agent_enc:${id}`) : null,
    });
  }

  private async openOrNull(sealed: Buffer, context: string): Promise<string | null> {
    try {
      return await this.deps.envelope.openText(sealed, context);
    } catch {
      return null; // erased (key destroyed): show the record without the value
    }
  }
}
