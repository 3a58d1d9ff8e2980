import { useEffect, useSyncExternalStore } from 'react';
import { rememberMyMemberId } from './conversation-index';
import type { RealtimeStatus } from './realtime-client';
import { holdRealtime, realtime } from './realtime-connection';
import { installRealtimeDispatch } from './realtime-dispatch';

/** Keeps the tab's realtime connection open while an organisation's pages are shown (null: not loaded yet). */
export function useRealtime(org: { id: string; myMemberId: string } | null | undefined): void {
  // before any event of this organisation can arrive, so that my own messages are told apart
  if (org) rememberMyMemberId(org.id, org.myMemberId);
  const ready = Boolean(org);
  useEffect(() => {
    if (!ready) return;
    installRealtimeDispatch();
    return holdRealtime();
  }, [ready]);
}

const subscribe = (listener: () => void) => realtime.onStatus(listener);

export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(subscribe, () => realtime.status);
}
