import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail, maskIdentifier, maskIp, maskPhone } from './masking.ts';

describe('maskEmail', () => {
  it.each([
    ['mei.lin@example.com', 'm***@example.com'],
    ['a@example.com', 'a***@example.com'],
    ['first.last+tag@mail.example.co.uk', 'f***@mail.example.co.uk'],
    ['@example.com', '***'],
    ['not an address', '***'],
  ])('%s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+8613812345678', '+86138****5678'],
    ['+14155552671', '+141****2671'],
    ['+1234567', '****4567'],
    ['1234567', '****'],
    ['+12345678', '+****5678'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('hides the 4 digits before the last 4: numbers differing only there mask alike', () => {
    const e164 = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{0,6}$/), fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^\d{4}$/));
    fc.assert(
      fc.property(e164, ([first, middle, hidden, otherHidden, last]) => {
        const phone = `+${first}${middle}${hidden}${last}`;
        const masked = maskPhone(phone);
        expect(masked).toBe(`+${first}${middle}****${last}`);
        expect(maskPhone(`+${first}${middle}${otherHidden}${last}`)).toBe(masked);
      }),
    );
  });
});

describe('maskIdentifier', () => {
  it('masks by kind', () => {
    expect(maskIdentifier('mei@example.com')).toBe('m***@example.com');
    expect(maskIdentifier('+8613812345678')).toBe('+86138****5678');
  });
});

describe('maskIp', () => {
  it.each([
    ['203.0.113.42', '203.0.113.*'],
    ['::ffff:203.0.113.42', '203.0.113.*'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:*'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3:*'],
    ['198.51.100.7', '198.51.100.*'],
    ['unknown', '*'],
    // what is not an address is shown as nothing rather than partly
    ['x203.0.113.42', '*'],
    ['203.0.113.42x', '*'],
    ['1:2:3', '*'],
    ['1:2:3:4:5:6:7:8:9', '*'],
    ['1::2::3', '*'],
    ['1:2:3:4::5:6:7:8', '*'],
    ['1:2:3::5:6:7:8', '1:2:3:*'],
    ['::a:b:c:d:e:f:1', '0:a:b:*'],
  ])('%s → %s', (ip, masked) => {
    expect(maskIp(ip)).toBe(masked);
  });

  it('never shows the interface part of a compressed IPv6 address', () => {
    expect(maskIp('2001:db8::abcd')).not.toContain('abcd');
    expect(maskIp('fe80::1ff:fe23:4567:890a')).not.toMatch(/1ff|fe23/);
    expect(maskIp('2001:db8::abcd')).toBe('2001:db8:0:*');
    expect(maskIp('::1')).toBe('0:0:0:*');
  });
});
