import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { isoTime } from '../../../common/api-schemas.ts';
import { clearSessionCookie, clearSignInCookie, requireSession, setSignInCookie, signInCookieName } from '../identity/authentication.ts';
import { iso } from '../identity/identity.presenter.ts';

/** Re-verification, account cancellation, and the one-time deletion receipt link (downloads of my data: data-export.routes.ts). */
export async function cancellationRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, sessions, accounts, signIn, cancellation, erasure, receiptSigner } = services;

  app.post(
    '/api/me/verification-code',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Send a fresh one-time code to my own address, to confirm a sensitive request',
        response: { 202: z.object({ challengeId: z.string(), channel: z.enum(['email', 'sms']), maskedIdentifier: z.string(), expiresAt: isoTime, resendAvailableAt: isoTime }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      const view = await accounts.view(active.account);
      const address = view.email ?? view.phone;
      if (!address) throw new AppError('invalid_identifier');
      const { bindingSecret, ...sent } = await signIn.requestCode(address, active.account.locale === 'en' ? 'en' : 'zh-CN', clientInfo(request));
      setSignInCookie(reply, config, bindingSecret, config.otp.ttlMinutes * 60);
      return reply.code(202).send({
        challengeId: sent.challengeId,
        channel: sent.channel,
        maskedIdentifier: sent.maskedIdentifier,
        expiresAt: iso(sent.expiresAt),
        resendAvailableAt: iso(sent.resendAvailableAt),
      });
    },
  );

  app.post(
    '/api/me/cancellation',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Cancel my account: erased after the grace period unless I sign in again',
        body: z.object({ challengeId: z.string().uuid(), code: z.string().regex(/^\d{6}$/, 'The code is 6 digits') }).strict(),
        response: { 202: z.object({ eraseAfter: isoTime, graceDays: z.number() }) },
      },
    },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      const eraseAfter = await cancellation.cancel(active.account, { ...request.body, bindingSecret: request.cookies[signInCookieName(config)] }, clientInfo(request));
      clearSessionCookie(reply, config);
      clearSignInCookie(reply, config);
      return reply.code(202).send({ eraseAfter: iso(eraseAfter), graceDays: config.cancellationGraceDays });
    },
  );

  app.get(
    '/api/privacy/receipts/:token',
    {
      schema: {
        tags: ['privacy'],
        summary: 'A signed deletion receipt, once, through its one-time link',
        params: z.object({ token: z.string().min(20).max(100) }).strict(),
        response: { 200: z.object({ receipt: z.record(z.string(), z.unknown()), signature: z.string(), algorithm: z.literal('Ed25519'), publicKey: z.string() }) },
      },
    },
    async (request) => {
      const found = await erasure.fetchReceipt(request.params.token);
      if (!found) throw new AppError('not_found', {}, 'This receipt link has already been used or does not exist.');
      return { receipt: JSON.parse(found.body) as Record<string, unknown>, signature: found.signature, algorithm: 'Ed25519' as const, publicKey: receiptSigner.publicKeyPem };
    },
  );

  app.get(
    '/api/privacy/receipt-key',
    { schema: { tags: ['privacy'], summary: 'The public key that checks deletion receipts (PEM)', response: { 200: z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string() }) } } },
    async () => ({ algorithm: 'Ed25519' as const, publicKey: receiptSigner.publicKeyPem }),
  );
}
