/**
 * Anonymisation in the policy's sense (P1.2): statistics from which no person can be identified
 * and which cannot be turned back into records. Used for what is kept after retention ends or an
 * account is terminated (P6.2). Only per-group totals come out — no ids, no names, no row — and a
 * group is published only if it holds at least `minGroupSize` people (k-anonymity): smaller
 * groups are merged into one "other" group, and if even that is too small it is left out.
 *
 * The group labels are whatever `groupBy` returns, so they must describe a group (a department,
 * a week), never a person; a label that does name one person is suppressed anyway, because its
 * group has one member.
 */

/** the group that small groups are merged into; a group the data itself calls "other" joins it */
export const OTHER_GROUP = 'other';

export interface AggregateOptions<T> {
  /** the k of k-anonymity: the fewest people a published group may hold; 5 unless told */
  minGroupSize?: number;
  /**
   * Who a record is about, when one person can have several records (events, sign-ins): a group
   * is then published only if it holds `minGroupSize` different people, not just records.
   * Without it every record counts as a different person.
   */
  subjectOf?: (record: T) => string;
}

export interface CountNoise {
  /** the privacy budget of each count; the noise's scale is 1 / epsilon (a person changes a count by 1) */
  epsilon: number;
  /** uniform on [0, 1); injected so tests can fix it */
  random: () => number;
}

export interface GroupCount {
  group: string;
  count: number;
}

export interface GroupNumbers {
  group: string;
  count: number;
  /** rounded to one decimal */
  mean: number;
  /** rounded to one decimal */
  median: number;
}

/**
 * How many records fall in each group, groups sorted by name and "other" last. With `noise`, each
 * published count gets Laplace noise (rounded, never below 0). Which groups are published is still
 * decided on the true counts, so this blurs the counts against differencing between releases but
 * is not a formal differential-privacy guarantee.
 */
export function aggregateCounts<T>(records: Iterable<T>, groupBy: (record: T) => string, options: AggregateOptions<T> & { noise?: CountNoise } = {}): GroupCount[] {
  const counts = publishableGroups(records, groupBy, options).map(({ group, members }) => ({ group, count: members.length }));
  const { noise } = options;
  if (!noise) return counts;
  if (!(noise.epsilon > 0 && Number.isFinite(noise.epsilon))) throw new RangeError('epsilon must be a positive number');
  // the rows are already in their published order, so the same random source gives the same answer
  return counts.map(({ group, count }) => ({ group, count: Math.max(0, Math.round(count + laplace(1 / noise.epsilon, noise.random))) }));
}

/** count, mean and median of a number per group, with the same suppression as `aggregateCounts` */
export function aggregateNumeric<T>(records: Iterable<T>, value: (record: T) => number, groupBy: (record: T) => string, options: AggregateOptions<T> = {}): GroupNumbers[] {
  return publishableGroups(records, groupBy, options).map(({ group, members }) => {
    const values = members.map((record) => {
      const number = value(record);
      // a NaN would quietly turn a whole group's mean into NaN
      if (typeof number !== 'number' || !Number.isFinite(number)) throw new RangeError(`a value in group "${group}" is not a finite number`);
      return number;
    });
    values.sort((a, b) => a - b);
    const middle = values.length >> 1;
    const median = values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
    const mean = values.reduce((sum, number) => sum + number, 0) / values.length;
    return { group, count: values.length, mean: oneDecimal(mean), median: oneDecimal(median) };
  });
}

/** a sample of the Laplace distribution centred on 0, by inverting its CDF at one uniform draw */
export function laplace(scale: number, random: () => number): number {
  const draw = random();
  if (!(draw >= 0 && draw < 1)) throw new RangeError('the random source must return numbers in [0, 1)');
  const u = draw - 0.5;
  // at u = -0.5 the logarithm would be of 0; the smallest positive number stands in for it
  return -scale * Math.sign(u) * Math.log(Math.max(1 - 2 * Math.abs(u), Number.MIN_VALUE));
}

interface Group<T> {
  group: string;
  members: T[];
}

function publishableGroups<T>(records: Iterable<T>, groupBy: (record: T) => string, { minGroupSize = 5, subjectOf }: AggregateOptions<T>): Group<T>[] {
  // a k of 1 would publish single people: it is always a mistake here
  if (!Number.isInteger(minGroupSize) || minGroupSize < 2) throw new RangeError('minGroupSize must be a whole number of at least 2');
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groupBy(record);
    if (typeof group !== 'string') throw new TypeError('groupBy must return a string');
    const members = groups.get(group);
    if (members) members.push(record);
    else groups.set(group, [record]);
  }
  const people = (members: T[]) => (subjectOf ? new Set(members.map(subjectOf)).size : members.length);

  const published: Group<T>[] = [];
  const other: T[] = [];
  for (const [group, members] of groups) {
    if (group !== OTHER_GROUP && people(members) >= minGroupSize) published.push({ group, members });
    else for (const member of members) other.push(member);
  }
  // code-unit order, not localeCompare: the same output whatever the server's locale
  published.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  if (other.length > 0 && people(other) >= minGroupSize) published.push({ group: OTHER_GROUP, members: other });
  return published;
}

function oneDecimal(number: number): number {
  // + 0 turns a rounded -0 into 0
  return Math.round(number * 10) / 10 + 0;
}
