/** Children under this age use the platform only with a guardian's verifiable consent (P11.1). */
export const GUARDIAN_CONSENT_BELOW_AGE = 14;

/** Whole years from a YYYY-MM-DD birth date to a moment (UTC); null for a date that is not real or lies ahead. */
export function ageOn(birthDate: string, nowMs: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const born = new Date(Date.UTC(year, month - 1, day));
  if (born.getUTCFullYear() !== year || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day) return null;
  if (born.getTime() > nowMs || year < 1900) return null;
  const now = new Date(nowMs);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() < month - 1 || (now.getUTCMonth() === month - 1 && now.getUTCDate() < day)) age--;
  return age;
}
