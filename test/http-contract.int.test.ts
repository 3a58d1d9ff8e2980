import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t.close();
});

describe('the HTTP contract', () => {
  it('publishes an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const response = await t.request({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/code', '/api/auth/verify', '/api/me', '/api/sessions/{id}', '/api/catalogue/products', '/api/security-events', '/api/privacy/notice']) {
      expect(Object.keys(document.paths), path).toContain(path);
    }
    const codeBody = document.paths['/api/auth/code'].post.requestBody.content['application/json'].schema;
    expect(codeBody.required).toContain('identifier');
    expect(codeBody.additionalProperties).toBe(false);
  });

  it('answers /healthz and /metrics', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    await t.request({ method: 'GET', url: '/api/catalogue/products' });
    const metrics = await t.request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('lockstep_http_requests_total{method="GET",route="/api/catalogue/products",status="200"}');
  });

  it('answers unknown API paths with a JSON 404 and sets security headers', async () => {
    const response = await t.request({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves the development outbox only in development mode', async () => {
    expect((await t.request({ method: 'GET', url: '/api/dev/outbox' })).statusCode).toBe(200);
  });
});

describe('production mode', () => {
  it('has no development outbox, page or API', async () => {
    const production = await startTestPlatform({ NODE_ENV: 'production', PUBLIC_URL: 'https://work.example.com', SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      expect(production.services.outbox).toBeNull();
      expect((await production.request({ method: 'GET', url: '/api/dev/outbox' })).statusCode).toBe(404);
      expect((await production.request({ method: 'GET', url: '/dev/outbox' })).statusCode).toBe(404);
      expect((await production.request({ method: 'GET', url: '/api/config' })).json()).toEqual({ devMode: false, cancellationGraceDays: 15 });
    } finally {
      await production.close();
    }
  });

  it('says clearly when a code cannot be delivered, and keeps no half-made state that blocks a retry', async () => {
    const production = await startTestPlatform({ NODE_ENV: 'production', PUBLIC_URL: 'https://work.example.com', SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await production.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: 'nobody@example.com' } });
        expect(response.statusCode).toBe(503);
        expect(response.json().error.code).toBe('delivery_failed');
      }
      expect(await production.platform.database.db.selectFrom('otp_challenge').selectAll().execute()).toEqual([]);
      const logged = production.logs.filter((line) => line.includes('sign-in code delivery failed'));
      expect(logged).toHaveLength(2);
      expect(logged.join('\n')).not.toContain('nobody@example.com');
    } finally {
      await production.close();
    }
  });
});
