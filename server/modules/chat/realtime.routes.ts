import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Services } from '../../services.ts';
import { errorBody } from '../../errors.ts';
import { currentSession, sessionCookieName } from '../identity/authentication.ts';
import { MAX_FRAME_BYTES, REALTIME_PATH } from './realtime-protocol.ts';

/**
 * The realtime WebSocket. The handshake is refused before the upgrade when it comes from another
 * site's page (cross-site WebSocket hijacking) or carries no live session.
 */
export async function realtimeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { config, sessions, realtime } = services;
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false } });

  app.get(
    REALTIME_PATH,
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request, reply) => {
        const origin = request.headers.origin;
        const expected = config.publicOrigin ?? `${request.protocol}://${request.headers.host}`;
        if (origin && origin !== expected) return reply.code(403).send(errorBody('csrf_failed', 'This connection did not come from the Lockstep page.'));
        if (!(await currentSession(request, sessions, config))) return reply.code(401).send(errorBody('not_signed_in'));
      },
    },
    async (socket, request) => {
      const active = await currentSession(request, sessions, config);
      if (!active) return socket.close(4001, 'not signed in');
      realtime.attach(socket, active.account.id, request.cookies[sessionCookieName(config)] as string);
    },
  );
}
