/**
 * Desensitised forms of contact data (P7.2), shown wherever the full value is not needed:
 * "a***@example.com", "+86138****5678", "203.0.113.*".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskPhone(phone: string): string {
  if (phone.length < 8) return '****';
  return `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}

export function maskIdentifier(value: string): string {
  return value.includes('@') ? maskEmail(value) : maskPhone(value);
}

export function maskIp(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.*`;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 3).join(':')}:*` : '*';
}

/**
 * "2001:db8::abcd" → its 8 groups, so "::" never slides the interface part into view; null for
 * anything that is not 8 groups, or fewer around one "::".
 */
function expandIpv6(ip: string): string[] | null {
  const [head, tail, ...rest] = ip.split('::') as [string, string?, ...string[]];
  if (rest.length) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
