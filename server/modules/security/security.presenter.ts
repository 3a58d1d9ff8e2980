import { maskIp } from '../../../common/masking.ts';
import { describeUserAgent } from '../../platform/http/user-agent.ts';
import { placeOfIp } from '../../platform/http/ip-place.ts';
import type { NoticeRow, SecurityEventRow } from './security.repo.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentSecurityEvent(row: SecurityEventRow & { ip: string | null; userAgent: string | null }) {
  const device = describeUserAgent(row.userAgent);
  return {
    id: row.id,
    type: row.type,
    occurredAt: iso(row.occurred_at),
    ipMasked: row.ip ? maskIp(row.ip) : '*',
    place: row.ip ? placeOfIp(row.ip) : 'unknown',
    browser: device.browser,
    os: device.os,
    timeZone: row.time_zone,
    language: row.language,
  };
}

export function presentNotice(row: NoticeRow & { data: Record<string, string> }) {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: iso(row.created_at),
    readAt: row.read_at === null ? null : iso(row.read_at),
    data: row.data,
  };
}
