import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { isoTime } from '../../../common/api-schemas.ts';
import { privacyRequestKinds, privacyRequestStatuses, refusalReasons, requestActionOf, requestActions, type PrivacyRequestKind } from '../../../common/privacy-requests.ts';
import { employerFields } from '../../../common/org.ts';
import { DAY } from '../../platform/clock.ts';
import { clearSignInCookie, requireSession, signInCookieName } from '../identity/authentication.ts';
import type { PrivacyRequestView } from './privacy-requests.service.ts';

const employer = z.object({ id: z.string(), name: z.string() });
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
  action: z.enum(requestActions).describe('what completing it carries out: erase the person, prepare their download, route the correction to the employer, or only a written answer'),
  overdue: z.boolean().describe('open past its due date'),
  escalatedAt: isoTime.nullable().describe('when the staff were told it is overdue'),
  receiptId: z.string().nullable().describe('a completed deletion: the reference of the signed erasure receipt'),
  exportId: z.string().nullable().describe('a completed access request: the download prepared for the person (GET /api/exports/{exportId})'),
  correctionId: z.string().nullable().describe('a completed correction: the request filed in the employer’s correction queue'),
  routedTo: employer.nullable(),
  organisations: z.array(employer).nullable().describe('an open correction, in the operator’s queue: the person’s employers it can be routed to'),
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
    action: requestActionOf[view.row.kind as PrivacyRequestKind] ?? 'answer',
    overdue: view.row.status === 'open' && view.row.due_at < clock.now(),
    escalatedAt: view.row.escalated_at === null ? null : new Date(view.row.escalated_at).toISOString(),
    receiptId: view.row.receipt_id,
    exportId: view.row.export_id,
    correctionId: view.row.correction_id,
    routedTo: view.routedTo,
    organisations: view.employers,
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
        summary: 'Complete a request, carrying out its kind: a deletion erases the person with a signed receipt, an access request prepares their download, a correction goes to the employer; the other kinds need a written answer (operator staff only)',
        params: requestParams,
        body: z
          .object({
            response: z.string().trim().min(1).max(4000).optional(),
            correction: z.object({ orgId: z.string().uuid(), field: z.enum(employerFields), proposedValue: z.string().trim().min(1).max(200) }).strict().optional(),
          })
          .strict(),
        response: { 200: z.object({ request: requestResponse }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { request: present(await privacyRequests.complete(active.account, request.params.requestId, request.body)) };
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
