import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { clearSignInCookie, requireSession, signInCookieName } from '../identity/authentication.ts';
import { presentExport } from './data-export.presenter.ts';
import { exportResponse, freshCodeBody as freshCode } from './data-export.schema.ts';

const childParams = z.object({ childId: z.string().uuid() }).strict();

/** Guardians of children under 14: consent by the code sent to them, then seeing, exporting and erasing the child's data. */
export async function guardianRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, sessions, accounts, guardians, signIn, clock } = services;

  app.post(
    '/api/guardian-consents/:consentId/decision',
    {
      schema: {
        tags: ['guardians'],
        summary: 'The guardian consents or refuses, with the code sent to them (no account needed)',
        params: z.object({ consentId: z.string().uuid() }).strict(),
        body: z.object({ code: z.string().regex(/^\d{6}$/, 'The code is 6 digits'), decision: z.enum(['approve', 'decline']) }).strict(),
        response: { 200: z.object({ status: z.enum(['approved', 'declined']), receiptUrl: z.string().nullable() }) },
      },
    },
    async (request) => {
      const outcome = await guardians.decide(request.params.consentId, request.body.code, request.body.decision);
      return { status: outcome.status, receiptUrl: outcome.receiptToken ? `/api/privacy/receipts/${outcome.receiptToken}` : null };
    },
  );

  app.get(
    '/api/guardian/children',
    {
      schema: {
        tags: ['guardians'],
        summary: 'The children whose guardian consent was given from my verified address',
        response: { 200: z.object({ children: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const children = await guardians.childrenOf(active.account);
      return { children: await Promise.all(children.map(async (child) => ({ id: child.id, name: (await accounts.view(child)).name }))) };
    },
  );

  app.post(
    '/api/guardian/children/:childId/exports',
    {
      schema: {
        tags: ['guardians'],
        summary: 'Ask for a child’s data as a ZIP (needs a fresh code to my own address); prepared in the background like my own',
        params: childParams,
        body: freshCode,
        response: { 202: z.object({ export: exportResponse }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      // a child not in one's care is refused before a code is spent on it
      await guardians.childInCare(active.account, request.params.childId);
      await signIn.confirmIdentity(active.account, { ...request.body, bindingSecret: request.cookies[signInCookieName(config)] }, clientInfo(request));
      clearSignInCookie(reply, config);
      const row = await guardians.requestChildExport(active.account, request.params.childId);
      return reply.code(202).send({ export: presentExport(row, clock.now()) });
    },
  );

  app.get(
    '/api/guardian/children/:childId/exports',
    {
      schema: {
        tags: ['guardians'],
        summary: 'My latest downloads of a child’s data, newest first (status and links: /api/exports/{exportId})',
        params: childParams,
        response: { 200: z.object({ exports: z.array(exportResponse) }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const rows = await guardians.childExports(active.account, request.params.childId);
      return { exports: rows.map((row) => presentExport(row, clock.now())) };
    },
  );

  app.post(
    '/api/guardian/children/:childId/erasure',
    {
      schema: {
        tags: ['guardians'],
        summary: 'Erase a child’s account and data at once (needs a fresh code to my own address)',
        params: childParams,
        body: freshCode,
        response: { 200: z.object({ receiptUrl: z.string() }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await guardians.childInCare(active.account, request.params.childId);
      await signIn.confirmIdentity(active.account, { ...request.body, bindingSecret: request.cookies[signInCookieName(config)] }, clientInfo(request));
      clearSignInCookie(reply, config);
      const receiptToken = await guardians.eraseChild(active.account, request.params.childId);
      return { receiptUrl: `/api/privacy/receipts/${receiptToken}` };
    },
  );
}
