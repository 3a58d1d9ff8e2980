import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { chatContext } from '../org/org-context.ts';
import { attachmentResponse, conversationParams } from './chat.schema.ts';
import { MAX_ATTACHMENT_BYTES } from './attachment-content.ts';
import { orgRoute } from '../org/org.policy.ts';

const attachmentParams = conversationParams.extend({ attachmentId: z.string().uuid() }).strict();

/** RFC 6266: an ASCII fallback and the real name in UTF-8, so no header can be broken by a name. */
function disposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Files in chats. The upload is the raw file as the body (its Content-Type the file's type), so
 * this scope takes any content type as bytes, up to 25 MB, and nothing else of the API does.
 */
export async function attachmentRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { attachments } = services;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1 }, (_request, body, done) => done(null, body));

  app.post(
    '/api/orgs/:orgId/conversations/:conversationId/attachments',
    {
      bodyLimit: MAX_ATTACHMENT_BYTES + 1,
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Upload a picture or file (the raw file as the body, up to 25 MB) to send with a message',
        params: conversationParams,
        querystring: z.object({ name: z.string().min(1).max(255) }).strict(),
        response: { 201: z.object({ attachment: attachmentResponse }) },
      },
    },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('invalid_request', {}, 'Send the file itself as the request body.');
      const attachment = await attachments.upload({ accountId: ctx.account.id, orgId: ctx.org.id }, request.params.conversationId, request.query.name, String(request.headers['content-type'] ?? 'application/octet-stream'), body);
      return reply.code(201).send({ attachment });
    },
  );

  app.get(
    '/api/orgs/:orgId/conversations/:conversationId/attachments/:attachmentId',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'Download a file of a chat (always as a download)', params: attachmentParams } },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const { attachment, bytes } = await attachments.open({ accountId: ctx.account.id, orgId: ctx.org.id }, request.params.conversationId, request.params.attachmentId);
      return reply
        .header('content-type', attachment.contentType)
        .header('content-disposition', disposition('attachment', attachment.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );

  app.get(
    '/api/orgs/:orgId/conversations/:conversationId/attachments/:attachmentId/preview',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'A picture of a chat, to show inline (re-encoded when uploaded; pictures only)', params: attachmentParams } },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const { attachment, bytes } = await attachments.open({ accountId: ctx.account.id, orgId: ctx.org.id }, request.params.conversationId, request.params.attachmentId);
      if (!attachment.image) throw new AppError('attachment_not_found', {}, 'Only pictures have a preview; download the file instead.');
      return reply
        .header('content-type', attachment.contentType)
        .header('content-disposition', disposition('inline', attachment.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(bytes);
    },
  );
}
