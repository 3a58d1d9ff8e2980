import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExif } from './exif-reader.ts';
import { positionExif, readGpsPosition, toLocation, type GpsPosition } from './photo-location.ts';

/** One TIFF field: tag, type (1 BYTE, 2 ASCII, 4 LONG, 5 RATIONAL, 10 SRATIONAL) and its values. */
interface Field {
  tag: number;
  type: number;
  values: number[] | string;
  /** write this count instead of the real one (to lie about the length) */
  count?: number;
}

const sizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 10: 8 };

/** A field's value bytes: ASCII with its NUL, or each number in the type's width (a rational's two parts, 4 bytes each). */
function valueBytes(field: Field, le: boolean): Buffer {
  if (typeof field.values === 'string') return Buffer.from(`${field.values}\0`, 'latin1');
  const width = field.type === 5 || field.type === 10 ? 4 : sizes[field.type]!;
  const out = Buffer.alloc(field.values.length * width);
  field.values.forEach((value, index) => {
    if (width === 1) out.writeUInt8(value, index);
    else if (width === 2) (le ? out.writeUInt16LE : out.writeUInt16BE).call(out, value, index * 2);
    else if (field.type === 10) (le ? out.writeInt32LE : out.writeInt32BE).call(out, value, index * 4);
    else (le ? out.writeUInt32LE : out.writeUInt32BE).call(out, value, index * 4);
  });
  return out;
}

/**
 * A TIFF block as a camera writes it: a header, IFD0 pointing at a GPS directory, values longer
 * than four bytes after each directory. Written by hand so the tests can break it at will.
 */
function tiff(gps: Field[], options: { littleEndian?: boolean; prefix?: boolean } = {}): Buffer {
  const le = options.littleEndian ?? true;
  const block = Buffer.alloc(4096);
  const u16 = (at: number, value: number) => (le ? block.writeUInt16LE(value, at) : block.writeUInt16BE(value, at));
  const u32 = (at: number, value: number) => (le ? block.writeUInt32LE(value, at) : block.writeUInt32BE(value, at));
  let end = 8;
  /** writes a directory at the end, its long values after it; the offset of each entry's value slot */
  const directory = (fields: Field[]): { at: number; slots: number[] } => {
    const at = end;
    u16(at, fields.length);
    end = at + 2 + fields.length * 12 + 4;
    const slots = fields.map((field, index) => {
      const entry = at + 2 + index * 12;
      const data = valueBytes(field, le);
      u16(entry, field.tag);
      u16(entry + 2, field.type);
      u32(entry + 4, field.count ?? data.length / sizes[field.type]!);
      if (data.length <= 4) data.copy(block, entry + 8);
      else {
        u32(entry + 8, end);
        data.copy(block, end);
        end += data.length;
      }
      return entry + 8;
    });
    return { at, slots };
  };
  block.write(le ? 'II' : 'MM', 0, 'latin1');
  u16(2, 42);
  const ifd0 = directory([{ tag: 0x8825, type: 4, values: [0] }]);
  u32(4, ifd0.at);
  u32(ifd0.slots[0]!, directory(gps).at);
  const tiffBytes = block.subarray(0, end);
  return options.prefix === false ? Buffer.from(tiffBytes) : Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffBytes]);
}

/** Rationals as the flat numerator, denominator list a field takes. */
const r = (...parts: Array<[number, number]>) => parts.flat();

const shanghai: Field[] = [
  { tag: 1, type: 2, values: 'N' },
  { tag: 2, type: 5, values: r([31, 1], [14, 1], [1234, 100]) },
  { tag: 3, type: 2, values: 'E' },
  { tag: 4, type: 5, values: r([121, 1], [28, 1], [4321, 100]) },
  { tag: 5, type: 1, values: [0] },
  { tag: 6, type: 5, values: r([125, 10]) },
  { tag: 7, type: 5, values: r([10, 1], [20, 1], [30, 1]) }, // GPSTimeStamp: not part of the position
];

describe('readGpsPosition', () => {
  it('reads the position, in either byte order, with or without the Exif prefix', () => {
    for (const littleEndian of [true, false]) {
      for (const prefix of [true, false]) {
        const position = readGpsPosition(tiff(shanghai, { littleEndian, prefix }));
        expect(position).toEqual({
          latitudeRef: 'N',
          latitude: [[31, 1], [14, 1], [1234, 100]],
          longitudeRef: 'E',
          longitude: [[121, 1], [28, 1], [4321, 100]],
          altitude: { ref: 0, value: [125, 10] },
        });
        expect(toLocation(position!)).toEqual({ latitude: 31.2367611, longitude: 121.4786694, altitude: 12.5 });
      }
    }
  });

  it('gives south and west as negative degrees, and a depth below sea level as a negative altitude', () => {
    const position = readGpsPosition(
      tiff([
        { tag: 1, type: 2, values: 'S' },
        { tag: 2, type: 5, values: r([33, 1], [51, 1], [0, 1]) },
        { tag: 3, type: 2, values: 'W' },
        { tag: 4, type: 5, values: r([70, 1], [30, 1], [0, 1]) },
        { tag: 5, type: 1, values: [1] },
        { tag: 6, type: 5, values: r([430, 1]) },
      ]),
    );
    expect(toLocation(position!)).toEqual({ latitude: -33.85, longitude: -70.5, altitude: -430 });
  });

  it('keeps the position without an altitude, and without one that is not well formed', () => {
    const withoutAltitude = shanghai.filter((field) => field.tag < 5);
    expect(readGpsPosition(tiff(withoutAltitude))?.altitude).toBeNull();
    const badReference = [...withoutAltitude, { tag: 5, type: 1, values: [7] }, { tag: 6, type: 5, values: r([125, 10]) }];
    expect(readGpsPosition(tiff(badReference))).toMatchObject({ latitudeRef: 'N', altitude: null });
    const zeroDenominator = [...withoutAltitude, { tag: 6, type: 5, values: r([125, 0]) }];
    expect(readGpsPosition(tiff(zeroDenominator))).toMatchObject({ latitudeRef: 'N', altitude: null });
    // no reference at all: above sea level (EXIF 2.3)
    expect(readGpsPosition(tiff([...withoutAltitude, { tag: 6, type: 5, values: r([8, 1]) }]))?.altitude).toEqual({ ref: 0, value: [8, 1] });
  });

  it('has no position for a block without GPS, nor for no block at all', () => {
    expect(readGpsPosition(undefined)).toBeNull();
    expect(readGpsPosition(null)).toBeNull();
    expect(readGpsPosition(tiff([]))).toBeNull();
    expect(readGpsPosition(tiff([{ tag: 0x1d, type: 2, values: '2024:05:01' }]))).toBeNull();
  });

  it('has no position when a part is missing or not what the standard says', () => {
    const without = (tag: number) => shanghai.filter((field) => field.tag !== tag);
    const replace = (tag: number, field: Omit<Field, 'tag'>) => [...without(tag), { tag, ...field }];
    for (const tag of [1, 2, 3, 4]) expect(readGpsPosition(tiff(without(tag))), `without ${tag}`).toBeNull();
    const broken: Field[][] = [
      replace(1, { type: 2, values: 'X' }), // not N or S
      replace(3, { type: 2, values: 'N' }), // a latitude's reference on the longitude
      replace(1, { type: 2, values: 'NORTH' }), // more than one letter
      replace(1, { type: 1, values: [0x4e] }), // a byte, not ASCII
      replace(2, { type: 5, values: r([31, 1], [14, 1]) }), // two parts, not three
      replace(2, { type: 4, values: [31, 14, 12] }), // LONG, not RATIONAL
      replace(2, { type: 5, values: r([31, 1], [14, 0], [12, 1]) }), // a zero denominator
      replace(2, { type: 10, values: r([-31, 1], [14, 1], [12, 1]) }), // a negative part
      replace(2, { type: 5, values: r([91, 1], [0, 1], [0, 1]) }), // beyond the pole
      replace(4, { type: 5, values: r([180, 1], [0, 1], [1, 1]) }), // beyond the antimeridian
    ];
    for (const fields of broken) expect(readGpsPosition(tiff(fields)), JSON.stringify(fields.at(-1))).toBeNull();
    // a signed type with no negative part is read all the same
    expect(readGpsPosition(tiff(replace(2, { type: 10, values: r([31, 1], [14, 1], [1234, 100]) })))).not.toBeNull();
  });

  it('never reads outside the block: lying counts, offsets past the end, truncation, garbage', () => {
    const lying = shanghai.map((field) => (field.tag === 2 ? { ...field, count: 0x1fffffff } : field));
    expect(readGpsPosition(tiff(lying))).toBeNull();
    const whole = tiff(shanghai);
    for (let length = 0; length < whole.length; length++) {
      const position = readGpsPosition(whole.subarray(0, length));
      // a cut that keeps every byte of the position still reads it; any other reads as nothing
      if (position) expect(toLocation(position).latitude).toBeCloseTo(31.2367611, 6);
    }
    expect(readGpsPosition(whole.subarray(0, whole.length - 1))).not.toBeNull(); // the timestamp's last byte only
    expect(readGpsPosition(Buffer.from('Exif\0\0MM\0\x2a\xff\xff\xff\xff', 'latin1'))).toBeNull(); // IFD0 past the end
    expect(readGpsPosition(Buffer.from('Exif\0\0II\x2b\0\x08\0\0\0', 'latin1'))).toBeNull(); // not 42
    expect(readGpsPosition(Buffer.from('not exif at all'))).toBeNull();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.nat(), (noise, seed) => {
        // random bytes, and the real block with random bytes overwritten: no throw, and any answer in range
        const damaged = Buffer.from(whole);
        for (let index = 0; index < noise.length && index < 16; index++) damaged[(seed + index * 7919) % damaged.length] = noise[index]!;
        for (const block of [Buffer.from(noise), damaged]) {
          const position = readGpsPosition(block);
          if (position) {
            const location = toLocation(position);
            expect(Math.abs(location.latitude)).toBeLessThanOrEqual(90);
            expect(Math.abs(location.longitude)).toBeLessThanOrEqual(180);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('positionExif', () => {
  it('writes the position alone back into a picture, rationals unchanged, through sharp', async () => {
    const position = readGpsPosition(tiff(shanghai))!;
    const picture = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).jpeg().withExif(positionExif(position)).toBuffer();
    const exif = (await sharp(picture).metadata()).exif;
    expect(readGpsPosition(exif)).toEqual(position);
    expect(readExif(exif)!.gps.map((entry) => entry.tag)).toEqual([1, 2, 3, 4, 5, 6]); // no timestamp
  });

  it('leaves out a depth below sea level rather than write it as a height', () => {
    const below: GpsPosition = { ...readGpsPosition(tiff(shanghai))!, altitude: { ref: 1, value: [430, 1] } };
    expect(positionExif(below).IFD3).not.toHaveProperty('GPSAltitude');
    expect(positionExif(below).IFD3).not.toHaveProperty('GPSAltitudeRef');
  });
});
