/**
 * localStorage holds exactly three things for this client: the chosen locale, the device id
 * (from a sign-in to its sign-out, 15 days at most: see api/device-id.ts) and the organisation
 * last opened.
 * Storage can be unavailable (privacy modes, disabled storage, quota), and that must never break
 * the page, so failures fall back to a per-page-load memory.
 */
const memory = new Map<string, string>();

export function readLocal(key: string): string | null {
  try {
    return window.localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function writeLocal(key: string, value: string): void {
  memory.set(key, value);
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // kept in memory only; the next page load starts afresh
  }
}

export function removeLocal(key: string): void {
  memory.delete(key);
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing was stored there
  }
}
