import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { failureKind } from './failure-kind.ts';

describe('what a failed job keeps of its error', () => {
  it('keeps catalogue codes, system error codes, SQLSTATEs, SQLite codes and built-in names', () => {
    expect(failureKind(new AppError('rate_limited'))).toBe('rate_limited');
    expect(failureKind(Object.assign(new Error('open /data/alice.jpg'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(failureKind(Object.assign(new Error('duplicate key (email)=(a@b.c)'), { code: '23505' }))).toBe('sqlstate_23505');
    expect(failureKind(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }))).toBe('SQLITE_BUSY');
    expect(failureKind(new TypeError('cannot read alice@example.com'))).toBe('TypeError');
    expect(failureKind(Object.assign(new Error('x'), { code: 'place_not_removed' }))).toBe('place_not_removed');
  });

  it('keeps nothing that could quote data: made-up codes and names, non-errors', () => {
    for (const code of ['rejected alice@example.com', '203.0.113.9', 'canarydevice7731', '+8613911112222', '13911112222', 'Mozilla/5.0', 'EENVELOPE alice@example.com']) {
      // the code is not kept; the error's built-in name is all that is left
      expect(failureKind(Object.assign(new Error(code), { code })), code).toBe('Error');
      expect(failureKind({ code, message: code }), code).toBe('unknown');
    }
    expect(failureKind(Object.assign(new Error('x'), { name: 'alice@example.com' }))).toBe('unknown');
    expect(failureKind('a string thrown: alice@example.com')).toBe('unknown');
    expect(failureKind(null)).toBe('unknown');
  });
});
