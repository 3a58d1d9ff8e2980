import type { z } from 'zod';
import { iso } from '../identity/identity.presenter.ts';
import type { DataExportRow } from './data-export.service.ts';
import type { exportResponse } from './data-export.schema.ts';

/** What the person sees of an export: its progress, and once ready the link and when it stops working. */
export function presentExport(row: DataExportRow, now: number): z.infer<typeof exportResponse> {
  const ready = row.status === 'ready';
  const expired = ready && row.expires_at < now;
  return {
    id: row.id,
    status: expired ? 'expired' : (row.status as 'pending' | 'running' | 'ready' | 'failed'),
    progress: { tablesDone: row.tables_done, tablesTotal: row.tables_total },
    requestedAt: iso(row.created_at),
    readyAt: row.ready_at === null ? null : iso(row.ready_at),
    expiresAt: ready ? iso(row.expires_at) : null,
    bytes: row.bytes,
    downloadUrl: ready && !expired ? `/api/exports/${row.id}/download` : null,
  };
}

/** The file name a browser saves the ZIP under: mine, or a child's (asked for by their guardian). */
export function exportFileName(row: DataExportRow): string {
  const day = iso(row.ready_at ?? row.created_at).slice(0, 10);
  return row.requested_by === row.account_id ? `lockstep-my-data-${day}.zip` : `lockstep-child-data-${day}.zip`;
}
