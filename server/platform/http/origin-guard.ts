import type { FastifyInstance } from 'fastify';
import { errorBody } from '../../errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A write that a browser sends from another site carries that site's Origin: refuse it before
 * any handler runs. Together with the per-session CSRF token (checked where a session is used)
 * and SameSite=Lax cookies this closes cross-site request forgery, sign-in forms included.
 */
export function installOriginGuard(app: FastifyInstance, publicOrigin: string | null): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (!origin) return;
    const expected = publicOrigin ?? `${request.protocol}://${request.headers.host}`;
    if (origin !== expected) return reply.code(403).send(errorBody('csrf_failed'));
  });
}
