import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { isoTime } from '../../../common/api-schemas.ts';
import { requireSession } from '../identity/authentication.ts';
import { diffLines, full, summary, versionFull, versionSummary } from './policy.routes.ts';

const MAX_LINES = 2000;
const policyText = z
  .string()
  .max(200_000, 'A text has at most 200,000 characters')
  .refine((text) => text.split('\n').length <= MAX_LINES, `A text has at most ${MAX_LINES.toLocaleString('en')} lines`)
  .optional();
const summaryText = z.string().max(2000, 'A summary has at most 2,000 characters').optional();

/** Missing and empty texts are the service's to explain, field by field, so both languages are optional here. */
const draftBody = z
  .object({
    label: z.string().trim().min(1, 'Give the version a label, such as 1.1').max(32, 'A label has at most 32 characters'),
    body: z.object({ 'zh-CN': policyText, en: policyText }).strict().default({}).describe('Markdown; the Chinese text prevails, the English one is its translation'),
    summary: z.object({ 'zh-CN': summaryText, en: summaryText }).strict().default({}).describe('what changed, shown with the notice'),
    material: z.boolean({ message: 'Say whether the change is material (everyone is told and must accept it) or minor' }),
    effectiveOn: z.string().max(10).describe('the day it comes into force, from 00:00 UTC (YYYY-MM-DD); today or later'),
  })
  .strict();

/** The operator's policy editor (P9.1, P12.1, P0.1): preview what a new version changes, then publish it. Operator staff only. */
export async function policyEditorRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { policy, clock, sessions, config } = services;

  app.post(
    '/api/operator/policy/preview',
    {
      schema: {
        tags: ['operator'],
        summary: 'Check a new version of the policy and show what it changes against the version in force, without publishing (operator staff only)',
        body: draftBody,
        response: {
          200: z.object({
            against: versionSummary.nullable().describe('the version in force it is compared with'),
            effectiveAt: isoTime,
            inForceAtOnce: z.boolean().describe('effective today: in force as soon as it is published'),
            diff: z.object({ 'zh-CN': diffLines, en: diffLines }),
          }),
        },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const preview = await policy.preview(active.account, request.body);
      return {
        against: preview.against ? summary(preview.against, clock.now()) : null,
        effectiveAt: new Date(preview.effectiveAt).toISOString(),
        inForceAtOnce: preview.inForceAtOnce,
        diff: { 'zh-CN': preview.diff.zh, en: preview.diff.en },
      };
    },
  );

  app.post(
    '/api/operator/policy/versions',
    {
      schema: {
        tags: ['operator'],
        summary: 'Publish a new version of the policy; a material one is announced to every account at once (operator staff only)',
        body: draftBody,
        response: { 201: z.object({ policy: versionFull }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      const row = await policy.publishDraft(active.account, request.body);
      return reply.code(201).send({ policy: full(row, clock.now()) });
    },
  );
}
