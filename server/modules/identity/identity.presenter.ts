import { maskIp } from '../../../common/masking.ts';
import type { Locale } from '../../../common/locale.ts';
import { describeUserAgent } from '../../platform/http/user-agent.ts';
import { placeOfIp } from '../../platform/http/ip-place.ts';
import type { AccountView } from './accounts.service.ts';
import type { SessionRow } from './identity.repo.ts';

export const iso = (ms: number) => new Date(ms).toISOString();

export function presentAccount(view: AccountView) {
  const { row } = view;
  return {
    id: row.id,
    name: view.name,
    email: view.email,
    phone: view.phone,
    avatarUrl: row.avatar_enc ? `/api/accounts/${row.id}/avatar?v=${row.avatar_version}` : null,
    locale: row.locale as Locale,
    createdAt: iso(row.created_at),
  };
}

export function presentSession(row: SessionRow & { ip: string | null; userAgent: string | null }, currentId: string, expiresAt: number) {
  const device = describeUserAgent(row.userAgent);
  return {
    id: row.id,
    current: row.id === currentId,
    ...device,
    place: row.ip ? placeOfIp(row.ip) : 'unknown',
    ipMasked: row.ip ? maskIp(row.ip) : '*',
    createdAt: iso(row.created_at),
    lastSeenAt: iso(row.last_seen_at),
    expiresAt: row.persistent ? iso(expiresAt) : null,
    persistent: row.persistent === 1,
  };
}
