import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { ActiveSession, SessionService } from './sessions.service.ts';

const resolved = new WeakMap<FastifyRequest, ActiveSession | null>();
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `__Host-` pins the cookie to this exact origin over HTTPS; plain HTTP (development) cannot use it. */
export function sessionCookieName(config: Config): string {
  return config.secureCookies ? '__Host-lockstep_session' : 'lockstep_session';
}

export async function currentSession(request: FastifyRequest, sessions: SessionService, config: Config): Promise<ActiveSession | null> {
  // Stryker disable next-line ConditionalExpression: without the memo the session is looked up again within the request, with the same answer
  if (resolved.has(request)) return resolved.get(request) ?? null;
  const active = await sessions.authenticate(request.cookies[sessionCookieName(config)]);
  resolved.set(request, active);
  return active;
}

/** The signed-in person, or 401; a cookie-authenticated write must also carry the CSRF token. */
export async function requireSession(request: FastifyRequest, sessions: SessionService, config: Config): Promise<ActiveSession> {
  const active = await currentSession(request, sessions, config);
  if (!active) throw new AppError('not_signed_in');
  if (WRITE_METHODS.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    sessions.checkCsrf(active.session, Array.isArray(header) ? header[0] : header);
  }
  return active;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, maxAgeSeconds: number | null): void {
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    // Without "keep me signed in" the cookie ends with the browser session (no Max-Age).
    ...(maxAgeSeconds !== null ? { maxAge: maxAgeSeconds } : {}),
  });
}

/**
 * The sign-in cookie ties a code request to the browser that made it (strictly necessary, P4.1):
 * it lives only as long as the code and is cleared once the code is used.
 */
export function signInCookieName(config: Config): string {
  return config.secureCookies ? '__Host-lockstep_signin' : 'lockstep_signin';
}

export function setSignInCookie(reply: FastifyReply, config: Config, secret: string, maxAgeSeconds: number): void {
  reply.setCookie(signInCookieName(config), secret, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies, maxAge: maxAgeSeconds });
}

export function clearSignInCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(signInCookieName(config), { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}
