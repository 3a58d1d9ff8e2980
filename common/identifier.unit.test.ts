import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdentifier } from './identifier.ts';

/** An email address of exactly `length` characters that is valid in every other respect. */
function emailOfLength(length: number): string {
  const local = 'a'.repeat(64);
  const tld = '.com';
  const rest = length - local.length - 1 - tld.length;
  const labels: string[] = [];
  // labels of at most 63 characters; each step of 64 is a label and the dot after it
  for (let left = rest; left > 0; left -= 64) labels.push('b'.repeat(Math.min(63, left)));
  return `${local}@${labels.join('.')}${tld}`;
}

describe('parseIdentifier: email addresses', () => {
  it('normalises to lower case and trims, so one address is one account', () => {
    expect(parseIdentifier('  Mei.Lin@Example.COM ')).toEqual({ channel: 'email', value: 'mei.lin@example.com' });
    expect(parseIdentifier('o.brien+work@mail.example.co.uk')).toEqual({ channel: 'email', value: 'o.brien+work@mail.example.co.uk' });
  });

  it.each([
    ['no top-level domain', 'mei@example'],
    ['a space in the local part', 'mei lin@example.com'],
    ['a space in the domain', 'mei@exa mple.com'],
    ['double quotes', '"mei"@example.com'],
    ['a single quote', "o'brien@example.com"],
    ['nothing before the @', '@example.com'],
    ['two @', 'mei@lin@example.com'],
    ['a domain starting with a hyphen', 'mei@-example.com'],
    ['an empty label', 'mei@example..com'],
  ])('rejects %s', (_reason, raw) => {
    expect(parseIdentifier(raw)).toBeNull();
  });

  it('accepts 254 characters and rejects 255', () => {
    expect(emailOfLength(254)).toHaveLength(254);
    expect(parseIdentifier(emailOfLength(254))?.value).toBe(emailOfLength(254));
    expect(emailOfLength(255)).toHaveLength(255);
    expect(parseIdentifier(emailOfLength(255))).toBeNull();
  });

  it('accepts a local part of 64 characters and rejects 65', () => {
    expect(parseIdentifier(`${'a'.repeat(64)}@example.com`)).not.toBeNull();
    expect(parseIdentifier(`${'a'.repeat(65)}@example.com`)).toBeNull();
  });
});

describe('parseIdentifier: mobile numbers (E.164)', () => {
  it.each([
    ['+86 138-1234-5678', '+8613812345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['  +44 20 7946 0958 ', '+442079460958'],
    ['+49.30.1234567', '+49301234567'],
  ])('compacts %s to %s', (raw, value) => {
    expect(parseIdentifier(raw)).toEqual({ channel: 'sms', value });
  });

  it('accepts 7 to 15 digits after the +', () => {
    expect(parseIdentifier('+1234567')?.value).toBe('+1234567');
    expect(parseIdentifier('+123456789012345')?.value).toBe('+123456789012345');
  });

  it.each([
    ['no +', '8613812345678'],
    ['a national number', '013812345678'],
    ['country code 0', '+0813812345678'],
    ['6 digits (too short)', '+123456'],
    ['16 digits (too long)', '+1234567890123456'],
    ['letters', '+86 138 CALL NOW'],
    ['a + in the middle', '86+13812345678'],
    ['an empty string', ''],
  ])('rejects %s', (_reason, raw) => {
    expect(parseIdentifier(raw)).toBeNull();
  });
});

describe('parseIdentifier on any input', () => {
  // plain strings rarely parse, so mix in inputs shaped like the two kinds of identifier
  const phoneLike = fc
    .array(fc.constantFrom(...'+0123456789 ()-.'.split('')), { maxLength: 24 })
    .map((characters) => characters.join(''));
  const emailLike = fc
    .tuple(fc.emailAddress(), fc.boolean(), fc.constantFrom('', ' ', '\t', '\n'))
    .map(([email, upper, padding]) => `${padding}${upper ? email.toUpperCase() : email}${padding}`);
  const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), phoneLike, emailLike);

  it('never throws, and a parsed value parses again to itself or the input is refused', () => {
    fc.assert(
      fc.property(anything, (raw) => {
        const parsed = parseIdentifier(raw);
        if (parsed === null) return;
        expect(parseIdentifier(parsed.value)).toEqual(parsed);
      }),
      { numRuns: 2_000 },
    );
  });
});
