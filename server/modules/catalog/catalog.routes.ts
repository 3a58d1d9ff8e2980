import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { localisedText } from '../../../common/api-schemas.ts';
import { presentCategory, presentProduct, presentProductSummary } from './catalog.presenter.ts';

const productSummary = z.object({ slug: z.string(), categorySlug: z.string(), name: localisedText, summary: localisedText, imageUrl: z.string() });
const productDetail = productSummary.extend({
  description: localisedText,
  features: z.array(localisedText),
  specs: z.array(z.object({ label: localisedText, value: localisedText })),
});

/** Public: no session is read and no cookie is set on any of these (P3.2, P4.2). */
export async function catalogRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { catalog } = services;

  app.get(
    '/api/catalogue/categories',
    { schema: { tags: ['catalogue'], summary: 'Product categories', response: { 200: z.object({ categories: z.array(z.object({ slug: z.string(), name: localisedText })) }) } } },
    async () => ({ categories: (await catalog.categories()).map(presentCategory) }),
  );

  app.get(
    '/api/catalogue/products',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Browse or search products',
        querystring: z
          .object({
            category: z.string().max(64).optional(),
            q: z.string().max(100).optional().describe('Text to find in a product, Chinese or English'),
          })
          .strict(),
        response: { 200: z.object({ products: z.array(productSummary) }) },
      },
    },
    async (request) => ({ products: (await catalog.products(request.query)).map(presentProductSummary) }),
  );

  app.get(
    '/api/catalogue/products/:slug',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One product',
        params: z.object({ slug: z.string().max(64) }).strict(),
        response: { 200: z.object({ product: productDetail }) },
      },
    },
    async (request) => ({ product: presentProduct(await catalog.product(request.params.slug)) }),
  );
}
