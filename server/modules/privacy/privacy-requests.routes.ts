import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { isoTime } from '../../../common/api-schemas.ts';
import { privacyRequestKinds, privacyRequestStatuses, refusalReasons } from '../../../common/privacy-requests.ts';
import { DAY } from '../../platform/clock.ts';
import { clearSignInCookie, requireSession, signInCookieName } from '../identity/authentication.ts';
import type { PrivacyRequestView } from './privacy-requests.service.ts';

const requestResponse = z.object({
  id: z.string(),
  kind: z.enum(privacyRequestKinds),
  status: z.enum(privacyRequestStatuses),
  details: z.string().nullable(),
  response: z.string().nullable(),
  refusalReason: z.enum(refusalReasons).nullable(),
  repeated: z.boolean().describe('beyond the yearly number of such requests: it may be refused for unreasonable repetition'),
  verifiedAt: isoTime,
  dueAt: isoTime,
  daysLeft: z.number().describe('whole days until the due date; negative when overdue'),
  createdAt: isoTime,
  closedAt: isoTime.nullable(),
});
const requestParams = z.object({ requestId: z.string().uuid() }).strict();

/** Requests about personal data: the person's side under /api/me, the operator's queue under /api/operator. */
export async function privacyRequestRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, sessions, privacyRequests, clock } = services;
  const present = (view: PrivacyRequestView) => ({
    id: view.row.id,
    kind: view.row.kind as (typeof privacyRequestKinds)[number],
    status: view.row.status as (typeof privacyRequestStatuses)[number],
    details: view.details,
    response: view.response,
    refusalReason: view.row.refusal_reason as (typeof refusalReasons)[number] | null,
    repeated: view.row.repeated === 1,
    verifiedAt: new Date(view.row.verified_at).toISOString(),
    dueAt: new Date(view.row.due_at).toISOString(),
    daysLeft: Math.floor((view.row.due_at - clock.now()) / DAY),
    createdAt: new Date(view.row.created_at).toISOString(),
    closedAt: view.row.closed_at === null ? null : new Date(view.row.closed_at).toISOString(),
  });

  app.post(
    '/api/me/requests',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Make a request about my personal information (needs a fresh code; answered within 15 days)',
        body: z
          .object({ kind: z.enum(privacyRequestKinds), details: z.string().trim().max(4000).optional(), challengeId: z.string().uuid(), code: z.string().regex(/^\d{6}$/, 'The code is 6 digits') })
          .strict(),
        response: { 201: z.object({ request: requestResponse }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      const { kind, details, challengeId, code } = request.body;
      const view = await privacyRequests.submit(active.account, { kind, details }, { challengeId, code, bindingSecret: request.cookies[signInCookieName(config)] }, clientInfo(request));
      clearSignInCookie(reply, config);
      return reply.code(201).send({ request: present(view) });
    },
  );

  app.get(
    '/api/me/requests',
    { schema: { tags: ['privacy'], summary: 'My requests, their clocks and outcomes', response: { 200: z.object({ requests: z.array(requestResponse) }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { requests: (await privacyRequests.mine(active.account)).map(present) };
    },
  );

  app.post(
    '/api/me/requests/:requestId/withdraw',
    { schema: { tags: ['privacy'], summary: 'Withdraw one of my open requests', params: requestParams } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await privacyRequests.withdraw(active.account, request.params.requestId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/operator/requests',
    {
      schema: {
        tags: ['operator'],
        summary: 'The operator’s queue of requests, most urgent first (operator staff only)',
        querystring: z.object({ status: z.enum(privacyRequestStatuses).default('open') }).strict(),
        response: { 200: z.object({ requests: z.array(requestResponse) }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { requests: (await privacyRequests.queue(active.account, request.query.status)).map(present) };
    },
  );

  app.post(
    '/api/operator/requests/:requestId/complete',
    {
      schema: {
        tags: ['operator'],
        summary: 'Answer a request (operator staff only)',
        params: requestParams,
        body: z.object({ response: z.string().trim().min(1).max(4000) }).strict(),
        response: { 200: z.object({ request: requestResponse }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { request: present(await privacyRequests.complete(active.account, request.params.requestId, request.body.response)) };
    },
  );

  app.post(
    '/api/operator/requests/:requestId/refuse',
    {
      schema: {
        tags: ['operator'],
        summary: 'Refuse a request for one of the policy’s reasons, explained to the person (operator staff only)',
        params: requestParams,
        body: z.object({ reason: z.enum(refusalReasons), explanation: z.string().trim().min(1).max(4000) }).strict(),
        response: { 200: z.object({ request: requestResponse }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { request: present(await privacyRequests.refuse(active.account, request.params.requestId, request.body.reason, request.body.explanation)) };
    },
  );
}
