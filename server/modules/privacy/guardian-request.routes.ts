import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import { awaitingGuardianResponse } from '../identity/identity.schema.ts';
import type { GuardianRequestState } from './guardian-request.service.ts';
import type { GuardianConsentRow } from './guardian.service.ts';

/**
 * The wait cookie: what a child under 14 holds instead of a session while their guardian has not
 * answered (strictly necessary, P4.1). It opens only the child's own pending request, and lasts
 * only as long as that request can.
 */
export function guardianWaitCookieName(config: Config): string {
  return config.secureCookies ? '__Host-lockstep_guardian_wait' : 'lockstep_guardian_wait';
}

const present = (state: GuardianRequestState) => ({
  status: 'awaiting_guardian' as const,
  maskedGuardian: state.maskedGuardian,
  sentAt: new Date(state.sentAt).toISOString(),
  expiresAt: new Date(state.expiresAt).toISOString(),
  resendAvailableAt: new Date(state.resendAvailableAt).toISOString(),
});

function setWaitCookie(reply: FastifyReply, services: Services, request: GuardianConsentRow): void {
  const maxAge = Math.max(1, Math.floor((request.expires_at - services.clock.now()) / 1000));
  reply.setCookie(guardianWaitCookieName(services.config), services.guardianRequests.waitToken(request), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: services.config.secureCookies,
    maxAge,
  });
}

/** The 202 answer to a child's sign-up, or sign-in while still waiting: the request's state, and the wait cookie. */
export async function answerAwaitingGuardian(reply: FastifyReply, services: Services, child: AccountRow) {
  const request = await services.guardianRequests.pendingOf(child);
  setWaitCookie(reply, services, request);
  return reply.code(202).send(present(await services.guardianRequests.stateOf(request)));
}

/** The child's side of a pending guardian consent: see it, send the code again, correct the address. */
export async function guardianRequestRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, guardianRequests } = services;
  const waiting = (request: FastifyRequest) => guardianRequests.byWaitToken(request.cookies[guardianWaitCookieName(config)]);

  app.get(
    '/api/child/guardian-request',
    {
      schema: {
        tags: ['guardians'],
        summary: 'My guardian consent request while it waits: where it went, when, and when it lapses (wait cookie, no session)',
        response: { 200: awaitingGuardianResponse },
      },
    },
    async (request) => present(await guardianRequests.stateOf((await waiting(request)).request)),
  );

  app.post(
    '/api/child/guardian-request/resend',
    {
      schema: {
        tags: ['guardians'],
        summary: 'Send my guardian a new code (after the same cooldown as a sign-in code; the old code stops working)',
        response: { 200: awaitingGuardianResponse },
      },
    },
    async (request) => present(await guardianRequests.resend(await waiting(request), clientInfo(request))),
  );

  app.put(
    '/api/child/guardian-request/guardian',
    {
      schema: {
        tags: ['guardians'],
        summary: 'Correct a mistyped guardian address: the new address gets a new code; the deadline stays',
        body: z.object({ guardianIdentifier: z.string().min(1).max(320).describe('the parent or guardian’s email or mobile number') }).strict(),
        response: { 200: awaitingGuardianResponse },
      },
    },
    async (request) => present(await guardianRequests.correctGuardian(await waiting(request), request.body.guardianIdentifier, clientInfo(request))),
  );
}
