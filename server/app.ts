import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from './services.ts';
import { errorBody } from './errors.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { installOriginGuard } from './platform/http/origin-guard.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { systemRoutes } from './platform/http/system.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { registerAvatarContentTypes } from './platform/images/avatar-image.ts';
import { devOutboxRoutes } from './modules/identity/dev-outbox.routes.ts';
import { securityRoutes } from './modules/security/security.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { directoryRoutes } from './modules/org/directory.routes.ts';
import { invitationRoutes, registerCsvContentType } from './modules/org/invitations.routes.ts';
import { correctionRoutes } from './modules/org/corrections.routes.ts';
import { cancellationRoutes } from './modules/privacy/cancellation.routes.ts';
import { dataExportRoutes } from './modules/privacy/data-export.routes.ts';
import { policyRoutes } from './modules/privacy/policy.routes.ts';
import { policyEditorRoutes } from './modules/privacy/policy-editor.routes.ts';
import { privacyRequestRoutes } from './modules/privacy/privacy-requests.routes.ts';
import { guardianRoutes } from './modules/privacy/guardian.routes.ts';
import { guardianRequestRoutes } from './modules/privacy/guardian-request.routes.ts';
import { consentRoutes } from './modules/privacy/consent.routes.ts';
import { chatRoutes } from './modules/chat/chat.routes.ts';
import { realtimeRoutes } from './modules/chat/realtime.routes.ts';
import { attachmentRoutes } from './modules/chat/attachments.routes.ts';
import { contactRoutes } from './modules/contacts/contacts.routes.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const webDist = path.join(root, 'web', 'dist');
const catalogueImages = path.join(root, 'server', 'modules', 'catalog', 'images');

/** Registers plugins and each module's routes; holds no logic of its own. */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const { config } = services;
  const trustProxy = process.env.TRUST_PROXY === '1';
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app, { secure: config.secureCookies });
  installOriginGuard(app, config.publicOrigin);
  registerAvatarContentTypes(app);
  registerCsvContentType(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lockstep API', version: '0.1.0', description: 'Every error is { error: { code, message } } with a 4xx or 5xx status.' },
    },
    transform: jsonSchemaTransform,
  });

  installMetrics(app);
  await app.register(systemRoutes, { devMode: config.devMode, cancellationGraceDays: config.cancellationGraceDays });
  await app.register(async (scope) => identityRoutes(scope, services));
  await app.register(async (scope) => securityRoutes(scope, services));
  await app.register(async (scope) => catalogRoutes(scope, services));
  await app.register(privacyRoutes);
  await app.register(async (scope) => orgRoutes(scope, services));
  await app.register(async (scope) => directoryRoutes(scope, services));
  await app.register(async (scope) => invitationRoutes(scope, services));
  await app.register(async (scope) => correctionRoutes(scope, services));
  await app.register(async (scope) => cancellationRoutes(scope, services));
  await app.register(async (scope) => dataExportRoutes(scope, services));
  await app.register(async (scope) => policyRoutes(scope, services));
  await app.register(async (scope) => policyEditorRoutes(scope, services));
  await app.register(async (scope) => privacyRequestRoutes(scope, services));
  await app.register(async (scope) => guardianRoutes(scope, services));
  await app.register(async (scope) => guardianRequestRoutes(scope, services));
  await app.register(async (scope) => consentRoutes(scope, services));
  await app.register(async (scope) => chatRoutes(scope, services));
  await app.register(async (scope) => realtimeRoutes(scope, services, { trustProxy }));
  await app.register(async (scope) => attachmentRoutes(scope, services));
  await app.register(async (scope) => contactRoutes(scope, services));
  const outbox = services.outbox;
  if (outbox) await app.register(async (scope) => devOutboxRoutes(scope, outbox));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyStatic, { root: catalogueImages, prefix: '/catalogue/images/', decorateReply: false, index: false });
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', index: false, wildcard: false, decorateReply: true });

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/catalogue/images/');
    const devPageInProduction = url.startsWith('/dev/') && !config.devMode;
    if (isPage && hasWeb && !devPageInProduction) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send(errorBody('not_found'));
  });
  return app;
}
