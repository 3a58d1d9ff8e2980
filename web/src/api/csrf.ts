/**
 * The CSRF token lives in memory only: it arrives with GET /api/me and POST /api/auth/verify,
 * and a fresh page load fetches /api/me before the person can write anything.
 */
let token: string | null = null;

export function csrfToken(): string | null {
  return token;
}

export function setCsrfToken(next: string | null): void {
  token = next;
}
