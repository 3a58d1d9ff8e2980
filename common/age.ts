/** Children under this age use the platform only with a guardian's verifiable consent (P11.1). */
export const GUARDIAN_CONSENT_BELOW_AGE = 14;

/** The earliest year of birth accepted: anything before is a typing slip. */
export const EARLIEST_BIRTH_YEAR = 1900;

/** What is wrong with a date of birth, if anything: each gets its own answer at sign-up. */
export type BirthDateProblem = 'not_a_date' | 'in_future';

/** Whole years from a YYYY-MM-DD birth date to a moment (UTC), or what keeps it from being one. */
export function readBirthDate(birthDate: string, nowMs: number): { age: number } | { problem: BirthDateProblem } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return { problem: 'not_a_date' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const born = new Date(Date.UTC(year, month - 1, day));
  if (born.getUTCFullYear() !== year || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day || year < EARLIEST_BIRTH_YEAR) return { problem: 'not_a_date' };
  if (born.getTime() > nowMs) return { problem: 'in_future' };
  const now = new Date(nowMs);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() < month - 1 || (now.getUTCMonth() === month - 1 && now.getUTCDate() < day)) age--;
  return { age };
}

/** Whole years from a YYYY-MM-DD birth date to a moment (UTC); null for a date that is not real or lies ahead. */
export function ageOn(birthDate: string, nowMs: number): number | null {
  const read = readBirthDate(birthDate, nowMs);
  return 'age' in read ? read.age : null;
}
