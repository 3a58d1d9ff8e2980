import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateCounts, aggregateNumeric, laplace, OTHER_GROUP } from './anonymise.ts';

interface Person {
  id: string;
  name: string;
  department: string;
  hours: number;
}

const byDepartment = (person: Person) => person.department;
const byHours = (person: Person) => person.hours;

/** `count` people in `department`, with made-up ids and names */
function staff(department: string, count: number, hours: (index: number) => number = () => 8): Person[] {
  return Array.from({ length: count }, (_, index) => ({ id: `${department}-${index}`, name: `Person ${index} of ${department}`, department, hours: hours(index) }));
}

const people = fc.array(
  fc.record({
    id: fc.uuid(),
    name: fc.uuid().map((uuid) => `name:${uuid}`),
    department: fc.constantFrom('design', 'finance', 'legal', 'ops', 'sales', 'support', OTHER_GROUP),
    hours: fc.double({ min: -50, max: 50, noNaN: true }),
  }),
  { maxLength: 120 },
);

/** a small seeded generator (mulberry32), so noisy tests are repeatable */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('aggregateCounts', () => {
  it('publishes groups of at least k and merges the smaller ones into "other", listed last', () => {
    const records = [...staff('sales', 6), ...staff('legal', 5), ...staff('design', 2), ...staff('finance', 1), ...staff('ops', 3)];
    expect(aggregateCounts(records, byDepartment)).toEqual([
      { group: 'legal', count: 5 },
      { group: 'sales', count: 6 },
      { group: OTHER_GROUP, count: 6 },
    ]);
  });

  it('leaves "other" out when the merged small groups are still fewer than k', () => {
    const records = [...staff('sales', 6), ...staff('design', 2), ...staff('finance', 1)];
    expect(aggregateCounts(records, byDepartment)).toEqual([{ group: 'sales', count: 6 }]);
  });

  it('publishes a group of exactly k and suppresses one of k - 1', () => {
    expect(aggregateCounts(staff('legal', 3), byDepartment, { minGroupSize: 3 })).toEqual([{ group: 'legal', count: 3 }]);
    expect(aggregateCounts(staff('legal', 2), byDepartment, { minGroupSize: 3 })).toEqual([]);
  });

  it('folds a group the data calls "other" into the merged "other"', () => {
    const records = [...staff(OTHER_GROUP, 5), ...staff('design', 2)];
    expect(aggregateCounts(records, byDepartment)).toEqual([{ group: OTHER_GROUP, count: 7 }]);
  });

  it('suppresses a group labelled with a person, since it holds one person', () => {
    const records = [...staff('sales', 7), ...staff('legal', 8)];
    expect(aggregateCounts(records, (person) => person.name)).toEqual([{ group: OTHER_GROUP, count: 15 }]);
  });

  it('with subjectOf, counts people rather than records: one person’s many events stay hidden', () => {
    const events = [...Array.from({ length: 12 }, () => ({ account: 'acct-7', week: '2024-W20' })), ...['a', 'b', 'c', 'd', 'e'].map((account) => ({ account, week: '2024-W21' }))];
    const byWeek = (event: { week: string }) => event.week;
    expect(aggregateCounts(events, byWeek, { subjectOf: (event) => event.account })).toEqual([{ group: '2024-W21', count: 5 }]);
    expect(aggregateCounts(events, byWeek)).toEqual([
      { group: '2024-W20', count: 12 },
      { group: '2024-W21', count: 5 },
    ]);
  });

  it('never publishes a group smaller than k, nor a count that differs from the truth, nor more than there is', () => {
    fc.assert(
      fc.property(people, fc.integer({ min: 2, max: 10 }), (records, k) => {
        const rows = aggregateCounts(records, byDepartment, { minGroupSize: k });
        const truth = (department: string) => records.filter((person) => person.department === department).length;
        for (const { group, count } of rows) {
          expect(count).toBeGreaterThanOrEqual(k);
          if (group !== OTHER_GROUP) expect(count).toBe(truth(group));
        }
        expect(rows.reduce((sum, { count }) => sum + count, 0)).toBeLessThanOrEqual(records.length);
        expect(new Set(rows.map(({ group }) => group)).size).toBe(rows.length);
        for (const department of new Set(records.map(byDepartment))) {
          if (department !== OTHER_GROUP && truth(department) < k) expect(rows.map(({ group }) => group)).not.toContain(department);
        }
      }),
    );
  });

  it('contains no record ids or names', () => {
    fc.assert(
      fc.property(people, (records) => {
        const json = JSON.stringify(aggregateCounts(records, byDepartment, { minGroupSize: 2 }));
        for (const { id, name } of records) {
          expect(json).not.toContain(id);
          expect(json).not.toContain(name);
        }
      }),
    );
  });

  it('gives the same answer whatever order the records come in', () => {
    fc.assert(
      fc.property(
        people.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }))),
        ([records, shuffled]) => {
          expect(aggregateCounts(shuffled, byDepartment, { minGroupSize: 3 })).toEqual(aggregateCounts(records, byDepartment, { minGroupSize: 3 }));
        },
      ),
    );
  });

  it.each([1, 0, -5, 2.5, NaN])('refuses a minGroupSize of %s', (k) => {
    expect(() => aggregateCounts(staff('sales', 10), byDepartment, { minGroupSize: k })).toThrow(RangeError);
  });
});

describe('aggregateCounts with Laplace noise', () => {
  const records = [...staff('sales', 20), ...staff('legal', 10), ...staff('design', 2)];

  it('adds no noise at the median draw, and about ln 2 / epsilon at the 75th percentile', () => {
    expect(aggregateCounts(records, byDepartment, { noise: { epsilon: 1, random: () => 0.5 } })).toEqual(aggregateCounts(records, byDepartment));
    expect(aggregateCounts(records, byDepartment, { noise: { epsilon: 0.5, random: () => 0.75 } })).toEqual([
      { group: 'legal', count: 11 },
      { group: 'sales', count: 21 },
    ]);
    expect(aggregateCounts(records, byDepartment, { noise: { epsilon: 0.25, random: () => 0.25 } })).toEqual([
      { group: 'legal', count: 7 },
      { group: 'sales', count: 17 },
    ]);
  });

  it('never publishes a negative count', () => {
    expect(aggregateCounts(records, byDepartment, { noise: { epsilon: 1, random: () => 0 } })).toEqual([
      { group: 'legal', count: 0 },
      { group: 'sales', count: 0 },
    ]);
  });

  it('is repeatable with the same random source and decides suppression on the true counts', () => {
    const noisy = (seed: number) => aggregateCounts(records, byDepartment, { noise: { epsilon: 0.1, random: seeded(seed) } });
    expect(noisy(7)).toEqual(noisy(7));
    for (let seed = 0; seed < 50; seed++) expect(noisy(seed).map(({ group }) => group)).toEqual(['legal', 'sales']);
  });

  it('draws from a Laplace distribution: centred on 0, with mean absolute value equal to the scale', () => {
    const random = seeded(2024);
    const draws = Array.from({ length: 20_000 }, () => laplace(2, random));
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    const meanAbsolute = draws.reduce((sum, draw) => sum + Math.abs(draw), 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(meanAbsolute).toBeGreaterThan(1.9);
    expect(meanAbsolute).toBeLessThan(2.1);
  });

  it('refuses a non-positive epsilon and a random source outside [0, 1)', () => {
    expect(() => aggregateCounts(records, byDepartment, { noise: { epsilon: 0, random: Math.random } })).toThrow(RangeError);
    expect(() => aggregateCounts(records, byDepartment, { noise: { epsilon: 1, random: () => 1 } })).toThrow(RangeError);
  });
});

describe('aggregateNumeric', () => {
  it('gives count, mean and median per group, rounded to one decimal', () => {
    const sales = staff('sales', 5, (index) => [10, 3, 1, 4, 2][index]!);
    const legal = staff('legal', 6, (index) => [9, 2, 1, 10, 2.5, 1.5][index]!);
    expect(aggregateNumeric([...sales, ...legal], byHours, byDepartment)).toEqual([
      { group: 'legal', count: 6, mean: 4.3, median: 2.3 },
      { group: 'sales', count: 5, mean: 4, median: 3 },
    ]);
  });

  it('suppresses and merges small groups like aggregateCounts, so other’s figures cover only merged people', () => {
    const records = [...staff('sales', 5, () => 8), ...staff('design', 2, () => 2), ...staff('ops', 3, () => 4)];
    expect(aggregateNumeric(records, byHours, byDepartment)).toEqual([
      { group: 'sales', count: 5, mean: 8, median: 8 },
      { group: OTHER_GROUP, count: 5, mean: 3.2, median: 4 },
    ]);
    expect(aggregateNumeric(staff('design', 4), byHours, byDepartment)).toEqual([]);
  });

  it('publishes only groups of at least k, the same groups as aggregateCounts, and no ids or names', () => {
    fc.assert(
      fc.property(people, fc.integer({ min: 2, max: 10 }), (records, k) => {
        const rows = aggregateNumeric(records, byHours, byDepartment, { minGroupSize: k });
        for (const { count } of rows) expect(count).toBeGreaterThanOrEqual(k);
        expect(rows.map(({ group, count }) => ({ group, count }))).toEqual(aggregateCounts(records, byDepartment, { minGroupSize: k }));
        const json = JSON.stringify(rows);
        for (const { id, name } of records) {
          expect(json).not.toContain(id);
          expect(json).not.toContain(name);
        }
      }),
    );
  });

  it('refuses a value that is not a finite number', () => {
    expect(() => aggregateNumeric(staff('sales', 5, () => NaN), byHours, byDepartment)).toThrow(RangeError);
    expect(() => aggregateNumeric(staff('sales', 5, () => Infinity), byHours, byDepartment)).toThrow(RangeError);
  });
});
