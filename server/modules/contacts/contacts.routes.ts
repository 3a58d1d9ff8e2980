import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { requireSession } from '../identity/authentication.ts';
import { conversationDetail } from '../chat/chat.schema.ts';
import { contactParams, contactRequestBody, contactResponse, overviewResponse, requestParams } from './contacts.schema.ts';

/** Contacts between individual accounts (P2.5, decision 0012); their chats then use the chat routes with `spaceId`. */
export async function contactRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { contacts, sessions, config } = services;
  const signedIn = async (request: Parameters<typeof requireSession>[0]) => (await requireSession(request, sessions, config)).account;

  app.get(
    '/api/contacts',
    { schema: { tags: ['contacts'], summary: 'My contacts and the contact requests waiting for my answer', response: { 200: overviewResponse } } },
    async (request) => contacts.overview(await signedIn(request)),
  );

  app.post(
    '/api/contacts/requests',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Ask the person with this exact number or address to become a contact (the answer is the same whether or not anyone uses it)',
        body: contactRequestBody,
        response: { 202: z.object({ sent: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await contacts.request(await signedIn(request), request.body.identifier);
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/api/contacts/requests/:requestId/accept',
    { schema: { tags: ['contacts'], summary: 'Accept a contact request', params: requestParams, response: { 200: z.object({ spaceId: z.string(), contact: contactResponse }) } } },
    async (request) => contacts.accept(await signedIn(request), request.params.requestId),
  );

  app.post(
    '/api/contacts/requests/:requestId/decline',
    { schema: { tags: ['contacts'], summary: 'Decline a contact request (the requester is not told)', params: requestParams } },
    async (request, reply) => {
      await contacts.decline(await signedIn(request), request.params.requestId);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/contacts/:contactId',
    { schema: { tags: ['contacts'], summary: 'Remove a contact, for both; your direct chat stays readable and takes no new messages', params: contactParams } },
    async (request, reply) => {
      await contacts.remove(await signedIn(request), request.params.contactId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/contacts/:contactId/chat',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Open the direct chat with a contact (the existing one if there is one)',
        params: contactParams,
        response: { 200: z.object({ spaceId: z.string(), conversation: conversationDetail }), 201: z.object({ spaceId: z.string(), conversation: conversationDetail }) },
      },
    },
    async (request, reply) => {
      const { spaceId, conversation, created } = await contacts.openChat(await signedIn(request), request.params.contactId);
      return reply.code(created ? 201 : 200).send({ spaceId, conversation });
    },
  );
}
