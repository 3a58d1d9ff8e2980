import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { orgContext } from './org-context.ts';
import { presentCorrection } from './org.presenter.ts';
import { correctionBody, correctionParams, correctionResponse, orgParams, rejectionBody } from './org.schema.ts';
import { orgRoute } from './org.policy.ts';

/** Correction requests (P8.2): members ask, admins approve or reject with a reason. */
export async function correctionRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { org } = services;
  const one = z.object({ correction: correctionResponse });

  app.post(
    '/api/orgs/:orgId/corrections',
    { schema: { ...orgRoute('membership'), tags: ['corrections'], summary: 'Ask the employer to correct a field it manages', params: orgParams, body: correctionBody, response: { 201: one } } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return reply.code(201).send({ correction: presentCorrection(await org.corrections.request(ctx, request.body)) });
    },
  );

  app.get(
    '/api/orgs/:orgId/corrections',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['corrections'],
        summary: 'My correction requests, or (admins, scope=all) the organisation’s queue',
        params: orgParams,
        querystring: z.object({ scope: z.enum(['mine', 'all']).default('mine'), status: z.enum(['pending', 'approved', 'rejected']).optional() }).strict(),
        response: { 200: z.object({ corrections: z.array(correctionResponse) }) },
      },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { corrections: (await org.corrections.list(ctx, request.query.scope, request.query.status)).map(presentCorrection) };
    },
  );

  app.get(
    '/api/orgs/:orgId/corrections/:correctionId',
    { schema: { ...orgRoute('membership'), tags: ['corrections'], summary: 'One correction request (its member, or admins)', params: correctionParams, response: { 200: one } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { correction: presentCorrection(await org.corrections.get(ctx, request.params.correctionId)) };
    },
  );

  app.post(
    '/api/orgs/:orgId/corrections/:correctionId/approve',
    { schema: { ...orgRoute('correction.decide'), tags: ['corrections'], summary: 'Approve: the correction is applied and audited (admins)', params: correctionParams, response: { 200: one } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { correction: presentCorrection(await org.corrections.approve(ctx, request.params.correctionId)) };
    },
  );

  app.post(
    '/api/orgs/:orgId/corrections/:correctionId/reject',
    { schema: { ...orgRoute('correction.decide'), tags: ['corrections'], summary: 'Reject with a reason the member sees (admins)', params: correctionParams, body: rejectionBody, response: { 200: one } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { correction: presentCorrection(await org.corrections.reject(ctx, request.params.correctionId, request.body.reason)) };
    },
  );
}
