import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { AVATAR_CONTENT_TYPE, AVATAR_MAX_BYTES } from '../../platform/images/avatar-image.ts';
import { chatContext } from '../org/org-context.ts';
import { orgRoute } from '../org/org.policy.ts';
import {
  conversationDetail,
  conversationParams,
  conversationSummary,
  historyQuery,
  messageParams,
  messageResponse,
  newConversationBody,
  orgParams,
  reactionParams,
  seatParams,
  sendBody,
} from './chat.schema.ts';

/** Chats and messages over HTTP; the realtime WebSocket (realtime.routes.ts) carries the same events live. */
export async function chatRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { conversations, messages } = services;
  const actorOf = (ctx: { account: { id: string }; org: { id: string } }) => ({ accountId: ctx.account.id, orgId: ctx.org.id });

  app.get(
    '/api/orgs/:orgId/conversations',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'My chats, most recently active first, with unread counts', params: orgParams, response: { 200: z.object({ conversations: z.array(conversationSummary) }) } } },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { conversations: await conversations.list(ctx) };
    },
  );

  app.post(
    '/api/orgs/:orgId/conversations',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Open a direct chat with a colleague (the existing one if there is one) or create a group',
        params: orgParams,
        body: newConversationBody,
        response: { 200: z.object({ conversation: conversationDetail }), 201: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const body = request.body;
      if (body.kind === 'direct') {
        const { conversation, created } = await conversations.openDirect(ctx, body.memberId);
        return reply.code(created ? 201 : 200).send({ conversation });
      }
      return reply.code(201).send({ conversation: await conversations.createGroup(ctx, body.name, body.memberIds) });
    },
  );

  app.get(
    '/api/orgs/:orgId/conversations/:conversationId',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'A chat with its members', params: conversationParams, response: { 200: z.object({ conversation: conversationDetail }) } } },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      await conversations.seat(ctx, request.params.conversationId);
      return { conversation: await conversations.detail(ctx, request.params.conversationId) };
    },
  );

  app.patch(
    '/api/orgs/:orgId/conversations/:conversationId',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Rename a group (owner and admins)',
        params: conversationParams,
        body: z.object({ name: z.string().max(100) }).strict(),
        response: { 200: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { conversation: await conversations.rename(ctx, request.params.conversationId, request.body.name) };
    },
  );

  app.put(
    '/api/orgs/:orgId/conversations/:conversationId/avatar',
    {
      bodyLimit: AVATAR_MAX_BYTES,
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Set a group’s picture (owner and admins): the raw PNG, JPEG or WebP image as the body, at most 2 MiB',
        params: conversationParams,
        response: { 200: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const body: unknown = request.body;
      if (body === undefined || body === null || (Buffer.isBuffer(body) && body.length === 0)) {
        throw new AppError('invalid_request', {}, 'Send the picture itself (PNG, JPEG or WebP, at most 2 MiB) as the request body.');
      }
      if (!Buffer.isBuffer(body)) throw new AppError('avatar_invalid');
      return { conversation: await conversations.setAvatar(ctx, request.params.conversationId, body) };
    },
  );

  app.delete(
    '/api/orgs/:orgId/conversations/:conversationId/avatar',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Remove a group’s picture (owner and admins)',
        params: conversationParams,
        response: { 200: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { conversation: await conversations.removeAvatar(ctx, request.params.conversationId) };
    },
  );

  app.get(
    '/api/orgs/:orgId/conversations/:conversationId/avatar',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'A group’s picture (members only); its address from the chat’s avatarUrl',
        params: conversationParams,
        querystring: z.object({ v: z.string().max(64).optional().describe('the picture’s tag, so a new picture gets a new address') }).strict(),
      },
    },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const image = await conversations.avatar(ctx, request.params.conversationId);
      return reply
        .header('content-type', AVATAR_CONTENT_TYPE)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(image);
    },
  );

  app.put(
    '/api/orgs/:orgId/conversations/:conversationId/settings',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Mute or archive a chat, for me only',
        params: conversationParams,
        body: z.object({ muted: z.boolean().optional(), archived: z.boolean().optional() }).strict(),
        response: { 200: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { conversation: await conversations.settings(ctx, request.params.conversationId, request.body) };
    },
  );

  app.post(
    '/api/orgs/:orgId/conversations/:conversationId/members',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Add colleagues to a group',
        params: conversationParams,
        body: z.object({ memberIds: z.array(z.string().uuid()).min(1).max(5000) }).strict(),
        response: { 200: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { conversation: await conversations.addMembers(ctx, request.params.conversationId, request.body.memberIds) };
    },
  );

  app.delete(
    '/api/orgs/:orgId/conversations/:conversationId/members/:memberId',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'Remove someone from a group (owner and admins), or leave (my own member id)', params: seatParams } },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      await conversations.removeMember(ctx, request.params.conversationId, request.params.memberId);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/orgs/:orgId/conversations/:conversationId/members/:memberId/role',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Make someone an admin of a group, or a member again (owner)',
        params: seatParams,
        body: z.object({ role: z.enum(['admin', 'member']) }).strict(),
        response: { 200: z.object({ conversation: conversationDetail }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { conversation: await conversations.setRole(ctx, request.params.conversationId, request.params.memberId, request.body.role) };
    },
  );

  app.get(
    '/api/orgs/:orgId/conversations/:conversationId/messages',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'A page of a chat’s history, oldest first: the latest, before a sequence, or after one',
        params: conversationParams,
        querystring: historyQuery,
        response: { 200: z.object({ messages: z.array(messageResponse), lastSeq: z.number() }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return messages.history(actorOf(ctx), request.params.conversationId, request.query);
    },
  );

  app.post(
    '/api/orgs/:orgId/conversations/:conversationId/messages',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Send a message; answered once it is stored. A retry with the same clientMessageId returns the first one',
        params: conversationParams,
        body: sendBody,
        response: { 200: z.object({ message: messageResponse, duplicate: z.boolean() }), 201: z.object({ message: messageResponse, duplicate: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      const outcome = await messages.send(actorOf(ctx), request.params.conversationId, request.body);
      return reply.code(outcome.duplicate ? 200 : 201).send(outcome);
    },
  );

  app.patch(
    '/api/orgs/:orgId/conversations/:conversationId/messages/:messageId',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Edit my message (shown as edited)',
        params: messageParams,
        body: z.object({ text: z.string().max(20_000) }).strict(),
        response: { 200: z.object({ message: messageResponse }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { message: await messages.edit(actorOf(ctx), request.params.conversationId, request.params.messageId, request.body.text) };
    },
  );

  app.delete(
    '/api/orgs/:orgId/conversations/:conversationId/messages/:messageId',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Recall a message: its content is erased for everyone, a tombstone stays',
        params: messageParams,
        response: { 200: z.object({ message: messageResponse }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { message: await messages.recall(actorOf(ctx), request.params.conversationId, request.params.messageId) };
    },
  );

  app.put(
    '/api/orgs/:orgId/conversations/:conversationId/messages/:messageId/reactions/:emoji',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'React to a message with an emoji', params: reactionParams, response: { 200: z.object({ message: messageResponse }) } } },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { message: await messages.react(actorOf(ctx), request.params.conversationId, request.params.messageId, request.params.emoji, true) };
    },
  );

  app.delete(
    '/api/orgs/:orgId/conversations/:conversationId/messages/:messageId/reactions/:emoji',
    { schema: { ...orgRoute('membership'), tags: ['chat'], summary: 'Take back my reaction', params: reactionParams, response: { 200: z.object({ message: messageResponse }) } } },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { message: await messages.react(actorOf(ctx), request.params.conversationId, request.params.messageId, request.params.emoji, false) };
    },
  );

  app.post(
    '/api/orgs/:orgId/conversations/:conversationId/read',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Mark the chat read up to a sequence',
        params: conversationParams,
        body: z.object({ seq: z.number().int().min(0) }).strict(),
        response: { 200: z.object({ lastReadSeq: z.number() }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return messages.markRead(actorOf(ctx), request.params.conversationId, request.body.seq);
    },
  );

  app.get(
    '/api/orgs/:orgId/message-search',
    {
      schema: {
        ...orgRoute('membership'),
        tags: ['chat'],
        summary: 'Search the messages of my chats in this organisation (the index holds no plaintext)',
        params: orgParams,
        querystring: z.object({ q: z.string().min(1).max(200) }).strict(),
        response: { 200: z.object({ messages: z.array(messageResponse) }) },
      },
    },
    async (request) => {
      const ctx = await chatContext(request, services, request.params.orgId);
      return { messages: await messages.search({ accountId: ctx.account.id, orgId: ctx.org.id }, ctx.me.id, request.query.q) };
    },
  );
}
