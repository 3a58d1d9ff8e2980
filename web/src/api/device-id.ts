import { readLocal, writeLocal } from '../platform/local-store';

const storageKey = 'lockstep.deviceId';

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

let cached: string | null = null;

/**
 * The device id lets the server recognise a returning browser (new-device notices) without
 * a tracking cookie: it is sent as a header only, and only to our own API.
 */
export function deviceId(): string {
  if (cached) return cached;
  const stored = readLocal(storageKey);
  if (stored && /^[0-9a-f-]{36}$/i.test(stored)) {
    cached = stored;
  } else {
    cached = randomUuid();
    writeLocal(storageKey, cached);
  }
  return cached;
}
