import { z } from 'zod';

const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const channel = z.enum(['email', 'sms']);
const none = z.undefined();

/**
 * What each security event may say beyond its columns: a closed set of keys per type, each value
 * an enum, an internal id, a flag or a time. The client's address, device and browser have their
 * own columns (sealed or indexed); nothing else about a person goes here, so `detail` is never a
 * place where an IP, a device id, a user agent, an email or a phone number could be kept in the clear.
 */
export const securityEventDetails = {
  'otp.requested': z.object({ channel }).strict(),
  'sign_in.succeeded': z.object({ channel, sessionId: id }).strict(),
  'sign_in.failed': z.object({ reason: z.enum(['wrong_code']) }).strict(),
  'session.started': z.object({ sessionId: id, persistent: z.boolean() }).strict(),
  'session.ended': z.object({ sessionId: id, reason: z.enum(['sign_out', 'ended_by_user']) }).strict(),
  'profile.changed': z.object({ fields: z.array(z.enum(['name', 'locale', 'avatar'])).min(1) }).strict(),
  'device.new': none,
  'account.cancellation_requested': z.object({ eraseAfter: z.iso.datetime() }).strict(),
  'account.restored': none,
} as const;

export type SecurityEventType = keyof typeof securityEventDetails;
export type SecurityEventDetail<T extends SecurityEventType> = z.input<(typeof securityEventDetails)[T]>;

/** The detail as stored (JSON), or a programming error when it is not the type's: never stored unchecked. */
export function storedDetail(type: SecurityEventType, detail: unknown): string | null {
  const schema = securityEventDetails[type] as z.ZodType;
  if (!schema) throw new Error('unknown security event type');
  const parsed = schema.safeParse(detail);
  if (!parsed.success) throw Object.assign(new Error(`security event detail not of its type (${parsed.error.issues.map((issue) => issue.path.join('.') || issue.code).join(', ')})`), { code: 'detail_invalid' });
  return parsed.data === undefined ? null : JSON.stringify(parsed.data);
}
