import { ageOn, EARLIEST_BIRTH_YEAR, GUARDIAN_CONSENT_BELOW_AGE } from '../../../common/age.ts';

/** The date of birth as the sign-up form holds it: picked part by part, so it can be half-done. */
export interface BirthDateParts {
  year?: number;
  month?: number;
  day?: number;
}

/** The earliest year the server accepts (common/age.ts). */
export const earliestBirthYear = EARLIEST_BIRTH_YEAR;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today as the server counts it: ages are whole years in UTC, so "the future" is too. */
export function todayUtc(nowMs: number = Date.now()): Required<BirthDateParts> {
  const now = new Date(nowMs);
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

export function isBlank(parts: BirthDateParts | undefined): boolean {
  return !parts || (parts.year === undefined && parts.month === undefined && parts.day === undefined);
}

/** YYYY-MM-DD once every part is there, else null. */
export function birthDateOf(parts: BirthDateParts | undefined): string | null {
  if (!parts?.year || !parts.month || !parts.day) return null;
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/**
 * Drops the parts that a later choice made impossible (31 February after picking February, or a
 * month still ahead after picking this year), so the form never holds a date the server refuses.
 */
export function possibleParts(parts: BirthDateParts, nowMs: number = Date.now()): BirthDateParts {
  const today = todayUtc(nowMs);
  let { year, month, day } = parts;
  if (year === today.year && month !== undefined && month > today.month) month = undefined;
  if (year !== undefined && month !== undefined && day !== undefined && day > daysInMonth(year, month)) day = undefined;
  if (year === today.year && month === today.month && day !== undefined && day > today.day) day = undefined;
  return { year, month, day };
}

/** Whether this date of birth makes the person a child who needs a guardian's consent (the server's own rule). */
export function needsGuardian(birthDate: string | null, nowMs: number = Date.now()): boolean {
  if (!birthDate) return false;
  const age = ageOn(birthDate, nowMs);
  return age !== null && age < GUARDIAN_CONSENT_BELOW_AGE;
}

export { GUARDIAN_CONSENT_BELOW_AGE };
