import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coarsenLocation, coarsenTime, Deidentifier, locationCell, type CellSizeKm, type DeidentificationSpec, type GeoPoint, type TimeGranularity } from './deidentify.ts';

const key = randomBytes(32);
const deidentifier = new Deidentifier(key);
const cellSizes: CellSizeKm[] = [1, 5, 25];

const anyPoint = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('pseudonym', () => {
  it('is "p_" and 22 base64url characters, pinned so pseudonyms stay the same across releases', () => {
    const fixed = new Deidentifier(Buffer.alloc(32, 7));
    expect(fixed.pseudonym('maps', 'acct-1')).toBe('p_Pn2gqcXrgtcCZp5nu7u9eQ');
    expect(deidentifier.pseudonym('stats', 'acct-1')).toMatch(/^p_[A-Za-z0-9_-]{22}$/);
  });

  it('is stable for the same key, kind and id — also in another instance holding the same key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        expect(deidentifier.pseudonym('maps', id)).toBe(deidentifier.pseudonym('maps', id));
        expect(new Deidentifier(Buffer.from(key)).pseudonym('maps', id)).toBe(deidentifier.pseudonym('maps', id));
      }),
    );
  });

  it('depends on the key: another key gives an unrelated pseudonym', () => {
    const other = new Deidentifier(randomBytes(32));
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(other.pseudonym('maps', id)).not.toBe(deidentifier.pseudonym('maps', id));
      }),
    );
  });

  it('depends on the kind: the same account is not linkable between the map provider and statistics', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(deidentifier.pseudonym('maps', id)).not.toBe(deidentifier.pseudonym('stats', id));
      }),
    );
  });

  it('gives different people different pseudonyms, none containing the id', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 2, maxLength: 50 }), (ids) => {
        const pseudonyms = ids.map((id) => deidentifier.pseudonym('stats', id));
        expect(new Set(pseudonyms).size).toBe(ids.length);
        for (const id of ids.filter((id) => id.length >= 4)) expect(pseudonyms.join(' ')).not.toContain(id);
      }),
    );
  });

  it('can be linked back only by recomputing it with the key, which the object does not expose', () => {
    const shared = deidentifier.pseudonym('maps', 'acct-42');
    const candidates = ['acct-41', 'acct-42', 'acct-43'];
    expect(candidates.filter((id) => deidentifier.pseudonym('maps', id) === shared)).toEqual(['acct-42']);
    expect(candidates.filter((id) => new Deidentifier(randomBytes(32)).pseudonym('maps', id) === shared)).toEqual([]);
    expect('reidentify' in deidentifier).toBe(false);
    const serialised = JSON.stringify(deidentifier) + Object.values(deidentifier).join();
    expect(serialised).not.toContain(key.toString('hex'));
    expect(serialised).not.toContain(key.toString('base64'));
  });

  it('refuses a key that is not 32 bytes, a malformed kind and an empty id', () => {
    expect(() => new Deidentifier(randomBytes(16))).toThrow(RangeError);
    expect(() => deidentifier.pseudonym('Maps', 'acct-1')).toThrow(RangeError);
    expect(() => deidentifier.pseudonym('maps\x1facct', '1')).toThrow(RangeError);
    expect(() => deidentifier.pseudonym('', 'acct-1')).toThrow(RangeError);
    expect(() => deidentifier.pseudonym('maps', '')).toThrow(RangeError);
  });
});

describe('coarsenLocation', () => {
  it('never returns the point it was given', () => {
    fc.assert(
      fc.property(anyPoint, fc.constantFrom(...cellSizes), (point, size) => {
        const centre = deidentifier.coarsenLocation(point, size);
        expect(centre.lat === point.lat && centre.lng === point.lng).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it.each<GeoPoint>([
    { lat: 0, lng: 0 },
    { lat: 90, lng: 180 },
    { lat: -90, lng: -180 },
    { lat: 0, lng: 90 },
    { lat: 31.2304, lng: 121.4737 },
  ])('does not hand back %o (the equator and the 0° and 180° meridians are cell edges)', (point) => {
    for (const size of cellSizes) expect(coarsenLocation(point, size)).not.toEqual(point);
  });

  it('maps every point of a cell to the same centre, which lies inside the cell', () => {
    // inside the cell, clear of its edges, where floating point decides a tie either way
    const fraction = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
    const fuzz = 1e-9;
    fc.assert(
      fc.property(anyPoint, fc.constantFrom(...cellSizes), fraction, fraction, (point, size, down, across) => {
        const cell = locationCell(point, size);
        const neighbour = { lat: cell.south + down * (cell.north - cell.south), lng: cell.west + across * (cell.east - cell.west) };
        expect(coarsenLocation(neighbour, size)).toEqual(cell.centre);
        expect(coarsenLocation(point, size)).toEqual(cell.centre);
        expect(point.lat).toBeGreaterThanOrEqual(cell.south - fuzz);
        expect(point.lat).toBeLessThanOrEqual(cell.north + fuzz);
        const lng = point.lng === 180 ? -180 : point.lng;
        expect(lng).toBeGreaterThanOrEqual(cell.west - fuzz);
        expect(lng).toBeLessThanOrEqual(cell.east + fuzz);
      }),
      { numRuns: 1000 },
    );
  });

  it('makes cells about the size asked for, so a point just across an edge lands elsewhere', () => {
    const populated = fc.record({ lat: fc.double({ min: -70, max: 70, noNaN: true }), lng: fc.double({ min: -179, max: 179, noNaN: true }) });
    fc.assert(
      fc.property(populated, fc.constantFrom(...cellSizes), (point, size) => {
        const cell = locationCell(point, size);
        const tallKm = (cell.north - cell.south) * 111.32;
        const wideKm = (cell.east - cell.west) * 111.32 * Math.cos((cell.centre.lat * Math.PI) / 180);
        expect(tallKm).toBeGreaterThan(size * 0.9);
        expect(tallKm).toBeLessThan(size * 1.1);
        expect(wideKm).toBeGreaterThan(size * 0.9);
        expect(wideKm).toBeLessThan(size * 1.1);
        expect(coarsenLocation({ lat: cell.north + 1e-9, lng: point.lng }, size)).not.toEqual(cell.centre);
        expect(coarsenLocation({ lat: point.lat, lng: cell.east + 1e-9 }, size)).not.toEqual(cell.centre);
      }),
    );
  });

  it('puts the equator and the 0° meridian on cell edges, at every latitude', () => {
    fc.assert(
      fc.property(fc.double({ min: -89.9, max: 89.9, noNaN: true }), fc.constantFrom(...cellSizes), (lat, size) => {
        expect(locationCell({ lat: 1e-9, lng: 10 }, size).south).toBe(0);
        expect(locationCell({ lat, lng: 1e-9 }, size).west).toBe(0);
        expect(locationCell({ lat, lng: -1e-9 }, size).east).toBe(0);
      }),
    );
  });

  it('treats 180° and -180° as the same meridian', () => {
    for (const size of cellSizes) expect(coarsenLocation({ lat: 10, lng: 180 }, size)).toEqual(coarsenLocation({ lat: 10, lng: -180 }, size));
  });

  it.each<[string, GeoPoint, number]>([
    ['a NaN latitude', { lat: NaN, lng: 0 }, 1],
    ['a NaN longitude', { lat: 0, lng: NaN }, 1],
    ['a latitude past the pole', { lat: 90.0001, lng: 0 }, 1],
    ['a longitude past the antimeridian', { lat: 0, lng: -180.0001 }, 5],
    ['an infinite latitude', { lat: Infinity, lng: 0 }, 25],
    ['a latitude that is a string', { lat: '31.2' as unknown as number, lng: 121.4 }, 1],
    ['a cell size not offered', { lat: 31.2, lng: 121.4 }, 2],
  ])('throws a RangeError for %s', (_, point, size) => {
    expect(() => coarsenLocation(point, size as CellSizeKm)).toThrow(RangeError);
  });
});

describe('coarsenTime', () => {
  it.each<[string, TimeGranularity, string]>([
    ['2024-05-15T13:45:12.345Z', 'hour', '2024-05-15T13:00:00.000Z'],
    ['2024-05-15T13:45:12.345Z', 'day', '2024-05-15T00:00:00.000Z'],
    ['2024-05-15T13:45:12.345Z', 'week', '2024-05-13T00:00:00.000Z'],
    ['2024-05-19T23:59:59.999Z', 'week', '2024-05-13T00:00:00.000Z'],
    ['2024-05-20T00:00:00.000Z', 'week', '2024-05-20T00:00:00.000Z'],
    ['1970-01-01T00:00:00.000Z', 'week', '1969-12-29T00:00:00.000Z'],
    ['1969-12-31T23:30:00.000Z', 'hour', '1969-12-31T23:00:00.000Z'],
    ['1969-12-31T23:30:00.000Z', 'day', '1969-12-31T00:00:00.000Z'],
  ])('%s by %s → %s', (time, granularity, start) => {
    expect(new Date(deidentifier.coarsenTime(Date.parse(time), granularity)).toISOString()).toBe(start);
  });

  it('returns the start of the bucket holding the time; weeks start on Monday', () => {
    const size = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
    fc.assert(
      fc.property(fc.integer({ min: -4e12, max: 4e12 }), fc.constantFrom<TimeGranularity>('hour', 'day', 'week'), (time, granularity) => {
        const start = coarsenTime(time, granularity);
        expect(start).toBeLessThanOrEqual(time);
        expect(time - start).toBeLessThan(size[granularity]);
        expect(coarsenTime(start, granularity)).toBe(start);
        if (granularity === 'week') expect(new Date(start).getUTCDay()).toBe(1);
      }),
    );
  });

  it.each<[string, number, string]>([
    ['NaN', NaN, 'day'],
    ['Infinity', Infinity, 'hour'],
    ['a time past the end of Date', 8.64e15 + 1, 'day'],
    ['an unknown granularity', 0, 'month'],
  ])('throws a RangeError for %s', (_, time, granularity) => {
    expect(() => coarsenTime(time, granularity as TimeGranularity)).toThrow(RangeError);
  });
});

describe('deidentifyRecord', () => {
  const spec: DeidentificationSpec = {
    kind: 'maps',
    subject: 'accountId',
    directIdentifiers: ['name', 'email', 'phone', 'ip'],
    quasiIdentifiers: {
      location: { coarsen: 'location', cellSizeKm: 5 },
      startsAt: { coarsen: 'time', granularity: 'hour' },
      birthDate: { coarsen: 'year' },
    },
    keep: ['eventType'],
  };
  const specFields = new Set([spec.subject, ...spec.directIdentifiers, ...Object.keys(spec.quasiIdentifiers!), ...spec.keep!]);
  const outputFields = new Set([spec.subject, ...Object.keys(spec.quasiIdentifiers!), ...spec.keep!]);

  it('drops direct identifiers and unnamed fields, pseudonymises the subject and coarsens the rest', () => {
    const shanghai = { lat: 31.2304, lng: 121.4737 };
    const record = {
      accountId: 'acct-7',
      name: '林梅',
      email: 'mei.lin@example.com',
      phone: '+8613812345678',
      ip: '203.0.113.42',
      location: shanghai,
      startsAt: Date.parse('2024-05-15T13:45:00Z'),
      birthDate: '1990-04-01',
      eventType: 'meeting',
      notes: 'call Mei about the contract',
    };
    expect(deidentifier.deidentifyRecord(record, spec)).toEqual({
      accountId: deidentifier.pseudonym('maps', 'acct-7'),
      location: coarsenLocation(shanghai, 5),
      startsAt: '2024-05-15T13:00:00.000Z',
      birthDate: 1990,
      eventType: 'meeting',
    });
    expect(record.name).toBe('林梅');
  });

  it('lets nothing but the spec’s fields out, and no direct identifier or unnamed value anywhere', () => {
    const secret = fc.uuid().map((uuid) => `secret:${uuid}`);
    const known = fc.record(
      {
        accountId: fc.uuid(),
        name: secret,
        email: secret,
        phone: secret,
        ip: secret,
        location: anyPoint,
        startsAt: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })),
        birthDate: fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2020-12-31') }).map((date) => date.toISOString().slice(0, 10)),
        eventType: fc.constantFrom('meeting', 'task', null),
      },
      { requiredKeys: ['accountId'] },
    );
    const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.oneof(secret, fc.record({ nested: secret }), fc.array(secret)));
    fc.assert(
      fc.property(known, extra, (fields, extraFields) => {
        const unnamed = Object.fromEntries(Object.entries(extraFields).filter(([field]) => !specFields.has(field)));
        const record = { ...unnamed, ...fields };
        const out = deidentifier.deidentifyRecord(record, spec);
        const json = JSON.stringify(out);

        for (const field of Object.keys(out)) expect(outputFields.has(field)).toBe(true);
        for (const field of Object.keys(unnamed)) expect(Object.hasOwn(out, field)).toBe(false);
        for (const field of spec.directIdentifiers) {
          const value = (record as Record<string, unknown>)[field];
          if (typeof value === 'string') expect(json).not.toContain(value);
        }
        expect(json).not.toContain(fields.accountId);
        expect(json).not.toMatch(/secret:/);
        expect(out.accountId).toBe(deidentifier.pseudonym('maps', fields.accountId));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out quasi-identifiers the record lacks, keeps a null as null, and reads nothing off the prototype', () => {
    const out = deidentifier.deidentifyRecord({ accountId: 'acct-1', birthDate: null }, { ...spec, keep: ['eventType', 'constructor', 'toString'] });
    expect(out).toEqual({ accountId: deidentifier.pseudonym('maps', 'acct-1'), birthDate: null });
  });

  it('refuses a kept field holding an object, which could carry fields nobody reviewed', () => {
    expect(() => deidentifier.deidentifyRecord({ accountId: 'acct-1', eventType: { organiser: 'mei.lin@example.com' } }, spec)).toThrow(TypeError);
  });

  it('refuses a record without its subject id', () => {
    expect(() => deidentifier.deidentifyRecord({ name: '林梅' }, spec)).toThrow(TypeError);
    expect(() => deidentifier.deidentifyRecord({ accountId: { id: 'acct-1' } }, spec)).toThrow(TypeError);
  });

  it('refuses a spec that names a field twice, so a direct identifier cannot also be kept', () => {
    expect(() => deidentifier.deidentifyRecord({ accountId: 'acct-1' }, { ...spec, keep: ['email'] })).toThrow(/"email" twice/);
    expect(() => deidentifier.deidentifyRecord({ accountId: 'acct-1' }, { ...spec, keep: ['accountId'] })).toThrow(/twice/);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a location out of range', { location: { lat: 91, lng: 0 } }],
    ['a location that is text', { location: 'Shanghai, Huangpu' }],
    ['a time that does not parse', { startsAt: 'next Tuesday at Mei’s' }],
    ['a birth date that does not parse', { birthDate: 'Mei’s birthday' }],
  ])('throws a RangeError for %s, without putting the value in the message', (_, fields) => {
    const attempt = () => deidentifier.deidentifyRecord({ accountId: 'acct-1', ...fields }, spec);
    expect(attempt).toThrow(RangeError);
    expect(attempt).not.toThrow(/Mei|Shanghai|91/);
  });
});
