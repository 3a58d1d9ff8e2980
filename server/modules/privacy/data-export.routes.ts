import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { clearSignInCookie, requireSession, signInCookieName } from '../identity/authentication.ts';
import { exportFileName, presentExport } from './data-export.presenter.ts';
import { exportParams, exportResponse, freshCodeBody } from './data-export.schema.ts';

/** Download of my data (P8.1, P8.3): asked for with a fresh code, prepared in the background, fetched through a link that expires. */
export async function dataExportRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, sessions, signIn, dataExports, clock } = services;

  app.post(
    '/api/me/exports',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Ask for all my personal data as a ZIP (one JSON file per category, my files, a readable summary); needs a fresh code. Prepared in the background; asking again while one is under way answers that one',
        body: freshCodeBody,
        response: { 202: z.object({ export: exportResponse }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await signIn.confirmIdentity(active.account, { ...request.body, bindingSecret: request.cookies[signInCookieName(config)] }, clientInfo(request));
      clearSignInCookie(reply, config);
      const row = await dataExports.request(active.account, active.account);
      return reply.code(202).send({ export: presentExport(row, clock.now()) });
    },
  );

  app.get(
    '/api/me/exports',
    { schema: { tags: ['privacy'], summary: 'My latest downloads of my own data, newest first', response: { 200: z.object({ exports: z.array(exportResponse) }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const rows = await dataExports.list(active.account, active.account.id);
      return { exports: rows.map((row) => presentExport(row, clock.now())) };
    },
  );

  app.get(
    '/api/exports/:exportId',
    {
      schema: {
        tags: ['privacy'],
        summary: 'How far a download I asked for has got (mine, or a child’s as their guardian), and its link once ready',
        params: exportParams,
        response: { 200: z.object({ export: exportResponse }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { export: presentExport(await dataExports.get(active.account, request.params.exportId), clock.now()) };
    },
  );

  app.get(
    '/api/exports/:exportId/download',
    { schema: { tags: ['privacy'], summary: 'The ZIP, for whoever asked for it, until its link expires (then 410)', params: exportParams } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      const { row, archive } = await dataExports.download(active.account, request.params.exportId);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${exportFileName(row)}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(archive);
    },
  );
}
