import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { currentSession, requireSession } from '../identity/authentication.ts';
import { subjectOf } from '../identity/sessions.service.ts';
import { isoTime } from '../../../common/api-schemas.ts';
import { presentNotice, presentSecurityEvent } from './security.presenter.ts';

const CRASH_REPORT_LIMIT_BYTES = 16 * 1024;

const crashReportBody = z
  .object({
    message: z.string().min(1).max(2000),
    stack: z.string().max(8000).optional(),
    url: z.string().max(2000).optional(),
    component: z.string().max(200).optional(),
  })
  .strict();

const eventResponse = z.object({
  id: z.string(),
  type: z.string(),
  occurredAt: isoTime,
  ipMasked: z.string(),
  place: z.string(),
  browser: z.string(),
  os: z.string(),
  timeZone: z.string().nullable(),
  language: z.string().nullable(),
});

const noticeResponse = z.object({
  id: z.string(),
  kind: z.string(),
  createdAt: isoTime,
  readAt: isoTime.nullable(),
  data: z.record(z.string(), z.string()),
});

export async function securityRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, sessions, security } = services;

  app.get(
    '/api/security-events',
    { schema: { tags: ['security'], summary: 'My security log', response: { 200: z.object({ events: z.array(eventResponse) }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { events: (await security.eventsOf(active.account.id)).map(presentSecurityEvent) };
    },
  );

  app.get(
    '/api/notices',
    { schema: { tags: ['security'], summary: 'Notices for me', response: { 200: z.object({ notices: z.array(noticeResponse) }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { notices: (await security.noticesOf(active.account.id)).map(presentNotice) };
    },
  );

  app.post(
    '/api/notices/:id/read',
    { schema: { tags: ['security'], summary: 'Mark a notice read', params: z.object({ id: z.string().uuid() }).strict() } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await security.markNoticeRead(active.account.id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/crash-reports',
    { bodyLimit: CRASH_REPORT_LIMIT_BYTES, schema: { tags: ['security'], summary: 'Report a client crash', body: crashReportBody } },
    async (request, reply) => {
      const active = await currentSession(request, sessions, config);
      await security.reportCrash(active ? subjectOf(active.account) : null, clientInfo(request), request.body);
      return reply.code(202).send();
    },
  );
}
