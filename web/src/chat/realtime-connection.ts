import { RealtimeClient, realtimeUrl } from './realtime-client';

/** The tab's one realtime connection, open while some page holds it. */
export const realtime = new RealtimeClient({ url: () => realtimeUrl() });

let holders = 0;
let stopTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Keeps the connection open until the returned function is called. Letting go closes it only after
 * a moment, so moving between pages that both hold it does not reconnect.
 */
export function holdRealtime(): () => void {
  holders += 1;
  clearTimeout(stopTimer);
  realtime.start();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0) stopTimer = setTimeout(() => realtime.stop(), 3_000);
  };
}

/** Sign-out: closed at once, whoever holds it. */
export function closeRealtime(): void {
  clearTimeout(stopTimer);
  realtime.stop();
}
