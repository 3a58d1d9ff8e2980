import { describe, expect, it } from 'vitest';
import { ageOn, readBirthDate } from './age.ts';

const now = Date.UTC(2026, 10, 2, 9, 0, 0);

describe('reading a date of birth', () => {
  it('counts whole years in UTC, a birthday counting from its first moment', () => {
    expect(readBirthDate('2012-11-02', now)).toEqual({ age: 14 });
    expect(readBirthDate('2012-11-03', now)).toEqual({ age: 13 });
    expect(ageOn('1990-01-01', now)).toBe(36);
  });

  it('tells a date that does not exist from one that lies ahead', () => {
    for (const odd of ['2020-02-30', '01-01-2020', '2020-13-01', '1899-12-31', '', 'yesterday']) expect(readBirthDate(odd, now), odd).toEqual({ problem: 'not_a_date' });
    expect(readBirthDate('2026-11-03', now)).toEqual({ problem: 'in_future' });
    expect(readBirthDate('2999-01-01', now)).toEqual({ problem: 'in_future' });
    expect(ageOn('2999-01-01', now)).toBeNull();
  });
});
