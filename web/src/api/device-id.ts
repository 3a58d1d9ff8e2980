import { readLocal, removeLocal, writeLocal } from '../platform/local-store';

const storageKey = 'lockstep.device';
// Earlier versions kept an id under this key that never expired and went with every call.
removeLocal('lockstep.deviceId');
/** as long as a sign-in cookie may last (P4.1), never longer */
const LIFETIME_MS = 15 * 24 * 60 * 60 * 1000;

interface StoredDevice {
  id: string;
  expiresAt: number;
}

/**
 * crypto.randomUUID only exists in secure contexts, and a self-hosted install is often reached
 * over plain http on a LAN address; getRandomValues works everywhere.
 */
function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function read(): StoredDevice | null {
  const raw = readLocal(storageKey);
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as Partial<StoredDevice>;
    if (typeof stored.id === 'string' && /^[0-9a-f-]{36}$/i.test(stored.id) && typeof stored.expiresAt === 'number' && stored.expiresAt > Date.now()) {
      // a clock set back cannot stretch it past the lifetime
      if (stored.expiresAt <= Date.now() + LIFETIME_MS) return { id: stored.id, expiresAt: stored.expiresAt };
    }
  } catch {
    // not ours, or damaged: dropped below
  }
  removeLocal(storageKey);
  return null;
}

/**
 * The device id lets the server recognise a browser it saw sign in before (new-device notices,
 * P3.3) without outliving what a sign-in cookie may (P4.1, P4.2): none exists before the first
 * sign-in, it is made when the person signs in, sent only by signed-in pages, forgotten at
 * sign-out and gone 15 days after it was made whatever happens. A sign-in within those days (the
 * session ended with the browser, or idled out) reuses it without extending it.
 */
export function deviceIdForSignIn(): string {
  const live = read();
  if (live) return live.id;
  const made: StoredDevice = { id: randomUuid(), expiresAt: Date.now() + LIFETIME_MS };
  writeLocal(storageKey, JSON.stringify(made));
  return made.id;
}

/** The id while it lasts, for a signed-in page's calls; null otherwise (and never made here). */
export function signedInDeviceId(): string | null {
  return read()?.id ?? null;
}

/** Signing out ends it, like the sign-in it came with. */
export function forgetDeviceId(): void {
  removeLocal(storageKey);
}
