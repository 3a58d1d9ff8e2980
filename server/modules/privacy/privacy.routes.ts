import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localisedText } from '../../../common/api-schemas.ts';
import { buildPrivacyNotice } from './privacy-notice.ts';

const noticeResponse = z.object({
  controller: localisedText,
  categories: z.array(
    z.object({
      key: z.string(),
      name: localisedText,
      sensitive: z.boolean(),
      purpose: localisedText,
      legalBasis: localisedText,
      retention: localisedText,
      recipients: z.array(localisedText),
      fields: z.array(z.string()),
    }),
  ),
});

/** Readable without an account (P0.1). */
export async function privacyRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const notice = buildPrivacyNotice();
  app.get(
    '/api/privacy/notice',
    { schema: { tags: ['privacy'], summary: 'The privacy notice generated from the data map', response: { 200: noticeResponse } } },
    async () => notice,
  );
}
