/**
 * A sign-in identifier is an email address or an E.164 mobile number (P3.1). Parsing gives the
 * normalised form used for delivery and for the blind index, so "A@Example.com" and
 * "a@example.com" are one account, and "+86 138-1234-5678" is "+8613812345678".
 */
export type Identifier = { channel: 'email'; value: string } | { channel: 'sms'; value: string };

const EMAIL = /^[^\s@"'<>()[\]\\,;:]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function parseIdentifier(raw: string): Identifier | null {
  const trimmed = raw.trim();
  if (trimmed.includes('@')) {
    const value = trimmed.toLowerCase();
    if (value.length > 254 || !EMAIL.test(value)) return null;
    const local = value.slice(0, value.lastIndexOf('@'));
    if (local.length > 64) return null;
    return { channel: 'email', value };
  }
  const compact = trimmed.replace(/[\s().-]/g, '');
  return E164.test(compact) ? { channel: 'sms', value: compact } : null;
}
