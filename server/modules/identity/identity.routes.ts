import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { pickLocale, type Locale } from '../../../common/locale.ts';
import {
  clearSessionCookie,
  clearSignInCookie,
  currentSession,
  requireSession,
  setSessionCookie,
  setSignInCookie,
  signInCookieName,
} from './authentication.ts';
import { AVATAR_CONTENT_TYPE, AVATAR_MAX_BYTES } from '../../platform/images/avatar-image.ts';
import { answerAwaitingGuardian } from '../privacy/guardian-request.routes.ts';
import { iso, presentAccount, presentSession } from './identity.presenter.ts';
import {
  accountResponse,
  awaitingGuardianResponse,
  codeRequestBody,
  codeRequestedResponse,
  idParams,
  meResponse,
  profilePatchBody,
  sessionsResponse,
  signedInResponse,
  verifyBody,
} from './identity.schema.ts';

export async function identityRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, signIn, sessions, accounts } = services;
  const localeOf = (explicit: Locale | undefined, header: string | undefined) => explicit ?? pickLocale(header);

  app.post(
    '/api/auth/code',
    { schema: { tags: ['identity'], summary: 'Send a one-time sign-in code', body: codeRequestBody, response: { 202: codeRequestedResponse } } },
    async (request, reply) => {
      const { bindingSecret, ...sent } = await signIn.requestCode(request.body.identifier, localeOf(request.body.locale, request.headers['accept-language']), clientInfo(request));
      setSignInCookie(reply, config, bindingSecret, config.otp.ttlMinutes * 60);
      return reply.code(202).send({ ...sent, expiresAt: iso(sent.expiresAt), resendAvailableAt: iso(sent.resendAvailableAt) });
    },
  );

  app.post(
    '/api/auth/verify',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in (or sign up: name and date of birth) with the code; a child under 14 waits for a guardian (202, with a wait cookie)',
        body: verifyBody,
        response: { 200: signedInResponse, 202: awaitingGuardianResponse },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const done = await signIn.verifyCode(
        { ...body, locale: localeOf(body.locale, request.headers['accept-language']), bindingSecret: request.cookies[signInCookieName(config)] },
        clientInfo(request),
      );
      if (done.awaitingGuardian) {
        clearSignInCookie(reply, config);
        return answerAwaitingGuardian(reply, services, done.account);
      }
      const maxAge = done.session.persistent ? Math.floor((done.session.expires_at - services.clock.now()) / 1000) : null;
      setSessionCookie(reply, config, done.token, maxAge);
      clearSignInCookie(reply, config);
      return {
        account: presentAccount(await accounts.view(done.account)),
        csrfToken: sessions.csrfTokenFor(done.session),
        newAccount: done.newAccount,
        restored: done.restored,
      };
    },
  );

  app.post('/api/auth/sign-out', { schema: { tags: ['identity'], summary: 'Sign out of this session' } }, async (request, reply) => {
    const active = await currentSession(request, sessions, config);
    if (active) {
      await requireSession(request, sessions, config);
      await sessions.end(active, active.session.id, clientInfo(request), 'sign_out');
    }
    clearSessionCookie(reply, config);
    return reply.code(204).send();
  });

  app.get('/api/me', { schema: { tags: ['identity'], summary: 'The signed-in person', response: { 200: meResponse } } }, async (request) => {
    const active = await requireSession(request, sessions, config);
    return {
      account: presentAccount(await accounts.view(active.account)),
      csrfToken: sessions.csrfTokenFor(active.session),
      operator: await services.privacyRequests.isOperator(active.account),
    };
  });

  app.patch(
    '/api/me',
    { schema: { tags: ['identity'], summary: 'Change name or language', body: profilePatchBody, response: { 200: z.object({ account: accountResponse }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const updated = await accounts.updateProfile(active.account, request.body, clientInfo(request));
      const view = await accounts.view(updated);
      // contacts see the new name in their chats at once (the contacts space keeps its own copy)
      if (request.body.name !== undefined) await services.contacts.nameChanged(updated.id, view.name);
      return { account: presentAccount(view) };
    },
  );

  app.put(
    '/api/me/avatar',
    {
      bodyLimit: AVATAR_MAX_BYTES,
      schema: { tags: ['identity'], summary: 'Upload an avatar (PNG, JPEG or WebP, at most 2 MiB)', response: { 200: z.object({ account: accountResponse }) } },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      if (!Buffer.isBuffer(request.body)) throw new AppError('avatar_invalid');
      const updated = await accounts.setAvatar(active.account, request.body, clientInfo(request));
      return { account: presentAccount(await accounts.view(updated)) };
    },
  );

  app.delete(
    '/api/me/avatar',
    { schema: { tags: ['identity'], summary: 'Remove the avatar', response: { 200: z.object({ account: accountResponse }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const updated = await accounts.removeAvatar(active.account, clientInfo(request));
      return { account: presentAccount(await accounts.view(updated)) };
    },
  );

  app.get(
    '/api/accounts/:id/avatar',
    { schema: { tags: ['identity'], summary: 'An avatar image', params: idParams } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      // Until organisations exist, the only person whose avatar you may see is yourself.
      const image = request.params.id === active.account.id ? await accounts.avatarOf(request.params.id) : null;
      if (!image) throw new AppError('not_found');
      return reply.header('content-type', AVATAR_CONTENT_TYPE).header('cache-control', 'private, max-age=86400').send(image);
    },
  );

  app.get('/api/sessions', { schema: { tags: ['identity'], summary: 'My open sessions', response: { 200: sessionsResponse } } }, async (request) => {
    const active = await requireSession(request, sessions, config);
    const rows = await sessions.list(active.account.id);
    return { sessions: rows.map((row) => presentSession(row, active.session.id, sessions.expiryOf(row))) };
  });

  app.delete(
    '/api/sessions/:id',
    { schema: { tags: ['identity'], summary: 'End one of my sessions', params: idParams } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await sessions.end(active, request.params.id, clientInfo(request), request.params.id === active.session.id ? 'sign_out' : 'ended_by_user');
      if (request.params.id === active.session.id) clearSessionCookie(reply, config);
      return reply.code(204).send();
    },
  );
}
