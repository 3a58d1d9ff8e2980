import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.request({ method: 'GET', url });
type Product = { slug: string; categorySlug: string; name: { 'zh-CN': string; en: string }; imageUrl: string };
const products = async (query = '') => (await get(`/api/catalogue/products${query}`)).json().products as Product[];

describe('public product catalogue (P3.2, P4.2)', () => {
  it('lists the seeded categories and 8 to 12 products without an account', async () => {
    const categories = (await get('/api/catalogue/categories')).json().categories;
    expect(categories.length).toBeGreaterThanOrEqual(3);
    const all = await products();
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.length).toBeLessThanOrEqual(12);
    for (const product of all) {
      expect(product.name['zh-CN']).toBeTruthy();
      expect(product.name.en).toBeTruthy();
    }
  });

  it('filters by category', async () => {
    const [first] = (await get('/api/catalogue/categories')).json().categories as Array<{ slug: string }>;
    const inCategory = await products(`?category=${first!.slug}`);
    expect(inCategory.length).toBeGreaterThan(0);
    expect(inCategory.every((product) => product.categorySlug === first!.slug)).toBe(true);
    expect(inCategory.length).toBeLessThan((await products()).length);
  });

  it('searches Chinese text', async () => {
    const all = await products();
    const found = await products(`?q=${encodeURIComponent('指纹')}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
  });

  it('searches English text regardless of case', async () => {
    const lower = await products('?q=lock');
    const upper = await products('?q=LOCK');
    expect(lower.length).toBeGreaterThan(0);
    expect(lower.map((p) => p.slug)).toEqual(upper.map((p) => p.slug));
    expect(lower.length).toBeLessThan((await products()).length);
  });

  it('treats LIKE wildcards in a search as plain text', async () => {
    expect(await products('?q=%25')).toEqual([]);
    expect(await products('?q=_')).toEqual([]);
  });

  it('returns nothing for a term no product has', async () => {
    expect(await products(`?q=${encodeURIComponent('不存在的东西 xyz')}`)).toEqual([]);
  });

  it('shows one product with its features and specs, and 404 for an unknown one', async () => {
    const [first] = await products();
    const detail = (await get(`/api/catalogue/products/${first!.slug}`)).json().product;
    expect(detail.features.length).toBeGreaterThan(0);
    expect(detail.specs.length).toBeGreaterThan(0);
    const missing = await get('/api/catalogue/products/no-such-lock');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('product_not_found');
  });

  it('serves every product image as SVG', async () => {
    for (const product of await products()) {
      const image = await get(product.imageUrl);
      expect(image.statusCode, product.imageUrl).toBe(200);
      expect(image.headers['content-type']).toContain('image/svg+xml');
    }
  });

  it('refuses unknown and oversized query parameters with a 400', async () => {
    expect((await get('/api/catalogue/products?tracking=1')).json().error.code).toBe('unknown_field');
    expect((await get(`/api/catalogue/products?q=${'x'.repeat(500)}`)).statusCode).toBe(400);
  });

  it('sets no cookie at all on anonymous visits (P4.2)', async () => {
    const [first] = await products();
    for (const url of ['/', '/api/catalogue/categories', '/api/catalogue/products?q=lock', `/api/catalogue/products/${first!.slug}`, first!.imageUrl, '/api/privacy/notice', '/api/config', '/privacy']) {
      const response = await get(url);
      expect(response.headers['set-cookie'], url).toBeUndefined();
    }
  });
});
