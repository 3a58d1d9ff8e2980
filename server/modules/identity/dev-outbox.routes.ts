import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DevOutbox } from '../../platform/notify/dev-outbox.ts';

/** Development mode only: registered only when an outbox exists, so production answers 404. */
export async function devOutboxRoutes(instance: FastifyInstance, outbox: DevOutbox): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dev/outbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Messages the server would have sent (development mode only)',
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                id: z.string(),
                channel: z.enum(['email', 'sms']),
                recipient: z.string(),
                subject: z.string(),
                text: z.string(),
                code: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      messages: outbox.list().map((entry) => ({
        id: entry.id,
        channel: entry.channel,
        recipient: entry.to,
        subject: entry.subject,
        text: entry.text,
        code: entry.code ?? null,
        createdAt: new Date(entry.createdAt).toISOString(),
      })),
    }),
  );
}
