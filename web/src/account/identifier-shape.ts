/**
 * A lenient first check of what the person typed, only to catch slips before a round trip:
 * the server's parser decides what is valid, and its invalid_identifier answer is shown as well.
 */
export function looksLikeIdentifier(raw: string): boolean {
  const value = raw.trim();
  if (value.includes('@')) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
  return /^\+[1-9]\d{6,14}$/.test(value.replace(/[\s().-]/g, ''));
}
