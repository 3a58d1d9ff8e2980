import { hmacHex } from '../../platform/crypto/derived-keys.ts';

/**
 * De-identification in the policy's sense (P1.2, "not recognized"): what comes out cannot identify
 * a person without additional information, and that information — the pseudonym key — is kept
 * apart from the data (in the app it is `DerivedKeys.pseudonym`, derived from the KEK, and never
 * leaves the server). Used for what is shared with the map provider (P5.5) and for any sharing
 * without consent (P5.1).
 *
 * There is deliberately no `reidentify`. A pseudonym is a truncated HMAC, so it cannot be turned
 * back into the id; the only way to link one to a person is to hold the key and recompute
 * `pseudonym(kind, candidateId)` for a candidate id, which is what the operator can do (e.g. to
 * answer a request from the person) and a recipient without the key cannot.
 */

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** the edge length of a location cell; the options the policy's calendar features need */
export type CellSizeKm = 1 | 5 | 25;
export type TimeGranularity = 'hour' | 'day' | 'week';

export type QuasiIdentifier =
  | { coarsen: 'location'; cellSizeKm: CellSizeKm }
  | { coarsen: 'time'; granularity: TimeGranularity }
  /** a date (of birth, typically) reduced to its UTC year */
  | { coarsen: 'year' };

/**
 * Which fields of a record are what. Fields the spec does not name are dropped, so a column added
 * to a record later is withheld until someone decides, here, that it may go out.
 */
export interface DeidentificationSpec {
  /** the pseudonym's purpose ('maps', 'stats'…): one recipient's pseudonyms cannot be joined with another's */
  kind: string;
  /** the field holding the person's id; it comes out under the same name, as the pseudonym */
  subject: string;
  /** dropped; listed so that the spec documents them and cannot also keep them by mistake */
  directIdentifiers: readonly string[];
  quasiIdentifiers?: Readonly<Record<string, QuasiIdentifier>>;
  /** copied unchanged; only plain values (string, number, boolean, null), never nested objects */
  keep?: readonly string[];
}

export type DeidentifiedValue = string | number | boolean | null | GeoPoint;

const PSEUDONYM_KIND = /^[a-z][a-z0-9-]*$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_DATE_MS = 8.64e15;
/** along a meridian, and along the equator; close enough for cells of a kilometre or more */
const KM_PER_DEGREE = 111.32;
const CELL_SIZES: readonly number[] = [1, 5, 25] satisfies CellSizeKm[];

export class Deidentifier {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('the pseudonym key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  /**
   * "p_" and 22 base64url characters: the first 128 bits of HMAC-SHA256(key, kind, id). Stable for
   * the same key, kind and id; without the key neither the id nor the link between two kinds can
   * be recovered.
   */
  pseudonym(kind: string, id: string): string {
    // kinds are fixed names in code; keeping the separator out of them keeps (kind, id) pairs from colliding
    if (!PSEUDONYM_KIND.test(kind)) throw new RangeError('a pseudonym kind is lower-case letters, digits and dashes');
    if (typeof id !== 'string' || id.length === 0) throw new RangeError('a pseudonym needs a non-empty id');
    const mac = Buffer.from(hmacHex(this.#key, 'pseudonym', kind, id), 'hex');
    return `p_${mac.subarray(0, 16).toString('base64url')}`;
  }

  coarsenLocation(point: GeoPoint, cellSizeKm: CellSizeKm): GeoPoint {
    return coarsenLocation(point, cellSizeKm);
  }

  coarsenTime(epochMs: number, granularity: TimeGranularity): number {
    return coarsenTime(epochMs, granularity);
  }

  /** a new record holding only the spec's subject (as its pseudonym), coarsened quasi-identifiers and kept fields */
  deidentifyRecord(record: Readonly<Record<string, unknown>>, spec: DeidentificationSpec): Record<string, DeidentifiedValue> {
    assertSpec(spec);
    const out: Record<string, DeidentifiedValue> = {};
    const subject = ownValue(record, spec.subject);
    if (typeof subject !== 'string' && typeof subject !== 'number') throw new TypeError(`the subject field "${spec.subject}" holds no id`);
    out[spec.subject] = this.pseudonym(spec.kind, String(subject));

    for (const [field, rule] of Object.entries(spec.quasiIdentifiers ?? {})) {
      const value = ownValue(record, field);
      if (value === undefined) continue;
      out[field] = value === null ? null : coarsen(field, value, rule);
    }
    for (const field of spec.keep ?? []) {
      const value = ownValue(record, field);
      if (value === undefined) continue;
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        throw new TypeError(`kept field "${field}" must hold a plain value: a nested object could carry fields nobody reviewed`);
      }
      out[field] = value as string | number | boolean | null;
    }
    return out;
  }
}

/**
 * The centre of the grid cell holding the point. Latitude is cut into bands about `cellSizeKm`
 * tall; each band is cut into cells about `cellSizeKm` wide at its middle, so cells stay square-ish
 * away from the equator. Every point of a cell gives the same centre, so the answer tells only the
 * cell. Band and cell counts are even, which puts the equator and the 0° and 180° meridians on
 * cell edges: the (0, 0) or (lat, 0) a fake or default location tends to use is never a centre, so
 * it never comes back unchanged. Only an exact centre does, and that tells nothing beyond the cell.
 */
export function coarsenLocation(point: GeoPoint, cellSizeKm: CellSizeKm): GeoPoint {
  return locationCell(point, cellSizeKm).centre;
}

export interface LocationCell {
  south: number;
  north: number;
  west: number;
  east: number;
  centre: GeoPoint;
}

export function locationCell({ lat, lng }: GeoPoint, cellSizeKm: CellSizeKm): LocationCell {
  if (!CELL_SIZES.includes(cellSizeKm)) throw new RangeError(`a location cell is ${CELL_SIZES.join(', ')} km`);
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) throw new RangeError('latitude must be a number from -90 to 90');
  if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180)) throw new RangeError('longitude must be a number from -180 to 180');

  // positions are counted in whole cells (index × 180 / count) rather than by adding up cell
  // sizes, which keeps 0° exactly on an edge and the edges where the indexing puts them
  const bands = evenCount((180 * KM_PER_DEGREE) / cellSizeKm);
  const band = Math.min(Math.floor(((lat + 90) * bands) / 180), bands - 1);
  const latitudeAt = (edge: number) => (edge * 180) / bands - 90;
  const centreLat = latitudeAt(band + 0.5);

  const cells = evenCount((360 * KM_PER_DEGREE * Math.cos((centreLat * Math.PI) / 180)) / cellSizeKm);
  // 180° and -180° are the same meridian
  const cell = lng === 180 ? 0 : Math.min(Math.floor(((lng + 180) * cells) / 360), cells - 1);
  const longitudeAt = (edge: number) => (edge * 360) / cells - 180;
  return {
    south: latitudeAt(band),
    north: latitudeAt(band + 1),
    west: longitudeAt(cell),
    east: longitudeAt(cell + 1),
    centre: { lat: centreLat, lng: longitudeAt(cell + 0.5) },
  };
}

/** the start (UTC) of the hour, day or ISO week (from Monday) holding the instant */
export function coarsenTime(epochMs: number, granularity: TimeGranularity): number {
  if (typeof epochMs !== 'number' || !(Math.abs(epochMs) <= MAX_DATE_MS)) throw new RangeError('not a time');
  switch (granularity) {
    case 'hour':
      return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor(epochMs / DAY_MS) * DAY_MS;
    case 'week': {
      const day = Math.floor(epochMs / DAY_MS);
      // day 0, 1970-01-01, was a Thursday: three days after a Monday
      const sinceMonday = (((day + 3) % 7) + 7) % 7;
      return (day - sinceMonday) * DAY_MS;
    }
    default:
      throw new RangeError('time granularity is hour, day or week');
  }
}

function coarsen(field: string, value: unknown, rule: QuasiIdentifier): DeidentifiedValue {
  // messages name the field, never the value: they may end up in a log
  switch (rule.coarsen) {
    case 'location':
      if (typeof value !== 'object' || value === null) throw new RangeError(`"${field}" is not a location`);
      return coarsenLocation(value as GeoPoint, rule.cellSizeKm);
    case 'time':
      return new Date(coarsenTime(instant(field, value), rule.granularity)).toISOString();
    case 'year':
      return new Date(instant(field, value)).getUTCFullYear();
    default:
      throw new RangeError(`"${field}" has no known way to be coarsened`);
  }
}

/** epoch ms of a Date, an epoch-ms number or a date string ("1990-04-01" is read as UTC) */
function instant(field: string, value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!(Math.abs(ms) <= MAX_DATE_MS)) throw new RangeError(`"${field}" is not a time`);
  return ms;
}

/** own properties only: a field name like "constructor" must not read something off the prototype */
function ownValue(record: Readonly<Record<string, unknown>>, field: string): unknown {
  return Object.hasOwn(record, field) ? record[field] : undefined;
}

function assertSpec(spec: DeidentificationSpec): void {
  const named = [spec.subject, ...spec.directIdentifiers, ...Object.keys(spec.quasiIdentifiers ?? {}), ...(spec.keep ?? [])];
  const twice = named.find((field, index) => named.indexOf(field) !== index);
  if (twice !== undefined) throw new Error(`the de-identification spec names "${twice}" twice`);
}

function evenCount(cells: number): number {
  return Math.max(2, 2 * Math.floor(cells / 2));
}
