import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Health and client configuration: nothing personal, no session read. */
export async function systemRoutes(instance: FastifyInstance, options: { devMode: boolean; cancellationGraceDays: number }): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  // The server listens only after migrations have run, so answering at all means ready.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get(
    '/api/config',
    { schema: { tags: ['system'], summary: 'What the web client needs to know', response: { 200: z.object({ devMode: z.boolean(), cancellationGraceDays: z.number() }) } } },
    async () => ({ devMode: options.devMode, cancellationGraceDays: options.cancellationGraceDays }),
  );
}
