import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { isoTime, localisedText } from '../../../common/api-schemas.ts';
import { locales } from '../../../common/locale.ts';
import { requireSession } from '../identity/authentication.ts';
import type { PolicyVersionRow } from './policy.service.ts';

export const versionSummary = z.object({
  id: z.string(),
  label: z.string(),
  updatedOn: z.string().describe('the update date printed on the policy (YYYY-MM-DD)'),
  effectiveAt: isoTime,
  material: z.boolean(),
  summary: localisedText,
  inForce: z.boolean(),
});
export const versionFull = versionSummary.extend({ body: localisedText.describe('Markdown; zh-CN prevails where the versions differ') });
export const diffLines = z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() }));
const versionParams = z.object({ versionId: z.string().uuid() }).strict();

export function summary(row: PolicyVersionRow, now: number) {
  return {
    id: row.id,
    label: row.label,
    updatedOn: row.updated_on,
    effectiveAt: new Date(row.effective_at).toISOString(),
    material: row.material === 1,
    summary: { 'zh-CN': row.summary_zh, en: row.summary_en },
    inForce: row.effective_at <= now,
  };
}

export const full = (row: PolicyVersionRow, now: number) => ({ ...summary(row, now), body: { 'zh-CN': row.body_zh, en: row.body_en } });

/** The published policy and its versions (readable without an account) and each person's acceptance. */
export async function policyRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { policy, clock, sessions, config } = services;

  app.get(
    '/api/privacy/policy',
    { schema: { tags: ['privacy'], summary: 'The privacy policy in force, in Chinese and English', response: { 200: z.object({ policy: versionFull.nullable() }) } } },
    async () => {
      const current = await policy.current();
      return { policy: current ? full(current, clock.now()) : null };
    },
  );

  app.get(
    '/api/privacy/policy/versions',
    { schema: { tags: ['privacy'], summary: 'Every published version, newest first', response: { 200: z.object({ versions: z.array(versionSummary) }) } } },
    async () => ({ versions: (await policy.list()).map((row) => summary(row, clock.now())) }),
  );

  app.get(
    '/api/privacy/policy/versions/:versionId',
    { schema: { tags: ['privacy'], summary: 'One version', params: versionParams, response: { 200: z.object({ policy: versionFull }) } } },
    async (request) => ({ policy: full(await policy.get(request.params.versionId), clock.now()) }),
  );

  app.get(
    '/api/privacy/policy/versions/:versionId/diff',
    {
      schema: {
        tags: ['privacy'],
        summary: 'What changed from another version to this one, line by line',
        params: versionParams,
        querystring: z.object({ fromVersionId: z.string().uuid(), lang: z.enum(locales).default('zh-CN') }).strict(),
        response: { 200: z.object({ lines: diffLines }) },
      },
    },
    async (request) => ({ lines: await policy.diff(request.query.fromVersionId, request.params.versionId, request.query.lang) }),
  );

  app.get(
    '/api/me/policy',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Whether I must accept a materially changed policy before going on, and any announced change',
        response: { 200: z.object({ current: versionSummary.nullable(), acceptanceRequired: versionSummary.nullable(), upcoming: versionSummary.nullable() }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const state = await policy.stateFor(active.account);
      const now = clock.now();
      const present = (row: PolicyVersionRow | undefined) => (row ? summary(row, now) : null);
      return { current: present(state.current), acceptanceRequired: present(state.acceptanceRequired), upcoming: present(state.upcoming) };
    },
  );

  app.post(
    '/api/me/policy/acceptances',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Accept a version of the policy (recorded with the language it was read in)',
        body: z.object({ versionId: z.string().uuid(), language: z.enum(locales) }).strict(),
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await policy.accept(active.account, request.body.versionId, request.body.language);
      return reply.code(201).send();
    },
  );
}
