import { z } from 'zod';
import { isoTime, errorResponse } from '../../../common/api-schemas.ts';
import { locales } from '../../../common/locale.ts';

export const codeRequestBody = z
  .object({
    identifier: z.string().min(1).max(320).describe('An email address or an E.164 mobile number'),
    locale: z.enum(locales).optional(),
  })
  .strict();

export const codeRequestedResponse = z.object({
  challengeId: z.string(),
  channel: z.enum(['email', 'sms']),
  maskedIdentifier: z.string(),
  expiresAt: isoTime,
  resendAvailableAt: isoTime,
});

export const verifyBody = z
  .object({
    challengeId: z.string().uuid(),
    code: z.string().regex(/^\d{6}$/, 'The code is 6 digits'),
    name: z.string().trim().min(1).max(100).optional(),
    birthDate: z.string().max(32).optional().describe('YYYY-MM-DD; required to create an account (not to sign in); under 14 a guardian must consent'),
    guardianIdentifier: z.string().min(1).max(320).optional().describe('the parent or guardian’s email or mobile number, for a child under 14'),
    keepSignedIn: z.boolean().optional(),
    acceptedPolicyVersionId: z
      .string()
      .uuid()
      .optional()
      .describe('to create an account: the id of the privacy policy version in force that the page showed and the person accepted (422 policy_acceptance_required without it, 409 policy_version_outdated for another); recorded with `locale` as the language shown'),
    locale: z.enum(locales).optional(),
  })
  .strict();

export const accountResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  locale: z.enum(locales),
  createdAt: isoTime,
});

const signedInBase = z.object({ account: accountResponse, csrfToken: z.string() });
export const meResponse = signedInBase.extend({
  operator: z.boolean().describe('one of the operator’s staff who answer requests about personal data (LOCKSTEP_OPERATORS): the web shows them the queue'),
});
/** A child's sign-up waiting for the guardian: where the request went and its clock (P11.1). */
export const awaitingGuardianResponse = z.object({
  status: z.literal('awaiting_guardian'),
  maskedGuardian: z.string().describe('where the consent request went'),
  sentAt: isoTime.describe('when the latest message with a code went to the guardian'),
  expiresAt: isoTime.describe('unanswered by then, the account and its data are erased'),
  resendAvailableAt: isoTime.describe('from when the code can be sent again'),
});

export const signedInResponse = signedInBase.extend({
  newAccount: z.boolean(),
  restored: z.boolean().describe('true when this sign-in called off the account’s cancellation'),
});

export const profilePatchBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    locale: z.enum(locales).optional(),
  })
  .strict();

export const sessionResponse = z.object({
  id: z.string(),
  current: z.boolean(),
  browser: z.string(),
  os: z.string(),
  deviceType: z.string(),
  place: z.string(),
  ipMasked: z.string(),
  createdAt: isoTime,
  lastSeenAt: isoTime,
  expiresAt: isoTime.nullable().describe('null for a browser-session sign-in, which also ends when the browser closes'),
  persistent: z.boolean(),
});

export const sessionsResponse = z.object({ sessions: z.array(sessionResponse) });
export const idParams = z.object({ id: z.string().uuid() }).strict();
export { errorResponse };
