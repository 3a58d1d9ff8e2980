import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import type { Services } from '../../services.ts';
import { errorBody, errorCatalog, type ErrorCode } from '../../errors.ts';
import { sessionCookieName } from '../identity/authentication.ts';
import { MAX_FRAME_BYTES, REALTIME_PATH } from './realtime-protocol.ts';

/**
 * The realtime WebSocket. Its handshake is taken from the HTTP server's 'upgrade' event rather
 * than through a Fastify route: a route's upgraded socket holds a response that never finishes,
 * and through it the request, the reply, a child logger and the authenticated session stayed
 * alive for the connection's whole life (5 KB a connection, more than the connection itself).
 * An established connection keeps only its socket, account id, session id and session token.
 *
 * The handshake is refused before the upgrade, with the HTTP API's statuses and error bodies, when
 * it comes from another site's page (cross-site WebSocket hijacking) or carries no live session.
 */
export function realtimeRoutes(app: FastifyInstance, services: Services, options: { trustProxy: boolean }): void {
  const { config, sessions, realtime, logger } = services;
  const server = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  let stopping = false;

  /** Upgrades the socket or answers with a refusal; resolves with the status, for the log. */
  async function handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<number> {
    if (stopping) return answer(socket, 503);
    if (request.method !== 'GET' || pathOf(request.url) !== REALTIME_PATH) return refuse(socket, 'not_found');
    const origin = request.headers.origin;
    const expected = config.publicOrigin ?? `${protocolOf(request, options.trustProxy)}://${request.headers.host}`;
    if (origin && origin !== expected) return refuse(socket, 'csrf_failed', 'This connection did not come from the Lockstep page.');
    const token = request.headers.cookie ? app.parseCookie(request.headers.cookie)[sessionCookieName(config)] : undefined;
    const active = await sessions.authenticate(token);
    if (!active || !token) return refuse(socket, 'not_signed_in');
    if (stopping) return answer(socket, 503);
    const accountId = active.account.id;
    const session = { id: active.session.id, token };
    socket.removeListener('error', destroyOnError);
    let upgraded = false;
    server.handleUpgrade(request, socket, head, (ws) => {
      upgraded = true;
      realtime.attach(ws, accountId, session);
    });
    // ws upgrades at once, or has answered a malformed handshake (key, version, Upgrade header) with 400
    return upgraded ? 101 : 400;
  }

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const started = performance.now();
    // Node removes its own error listener before 'upgrade': a client gone mid-handshake must not crash the process
    socket.on('error', destroyOnError);
    handshake(request, socket, head)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'realtime handshake failed');
        return refuse(socket, 'internal_error');
      })
      .then((statusCode) => logger.info({ req: request, res: { statusCode }, responseTime: performance.now() - started }, 'request completed'));
  });

  // before the HTTP server stops: it waits for every upgraded socket to end
  app.addHook('preClose', async () => {
    stopping = true;
    realtime.stop();
  });
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}

function refuse(socket: Duplex, code: ErrorCode, message?: string): number {
  return answer(socket, errorCatalog[code].status, JSON.stringify(errorBody(code, message)));
}

/** Writes an HTTP answer on the raw socket and closes it. */
function answer(socket: Duplex, status: number, body = ''): number {
  if (socket.destroyed) return status;
  socket.once('finish', () => socket.destroy());
  const type = body ? 'Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  return status;
}

function pathOf(url: string | undefined): string {
  const query = url?.indexOf('?') ?? -1;
  return (query < 0 ? url : url?.slice(0, query)) ?? '';
}

/** As Fastify's request.protocol: behind a trusted proxy, the last X-Forwarded-Proto entry. */
function protocolOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-proto'];
  if (trustProxy && typeof forwarded === 'string' && forwarded) return forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
  return (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
}
