import type { FastifyInstance } from 'fastify';

/** Headers every response carries; the CSP allows only our own origin (antd needs inline styles). */
export function installSecurityHeaders(app: FastifyInstance, options: { secure: boolean }): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // a route that serves people's files sets a stricter policy of its own: keep it
    if (!reply.hasHeader('content-security-policy')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    if (options.secure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
