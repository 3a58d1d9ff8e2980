import type { Exif } from 'sharp';
import { readExif, type ExifDirectories, type ExifEntry } from './exif-reader.ts';

/** Where a photo was taken, in decimal degrees (north and east positive), metres above sea level. */
export interface PhotoLocation {
  latitude: number;
  longitude: number;
  altitude: number | null;
}

type Rational = readonly [numerator: number, denominator: number];

/**
 * The GPS position of a photo as its camera wrote it (each rational kept, so writing it back
 * changes nothing), and only the position: no time, speed, direction or anything else of the GPS
 * directory.
 */
export interface GpsPosition {
  latitudeRef: 'N' | 'S';
  latitude: readonly [Rational, Rational, Rational];
  longitudeRef: 'E' | 'W';
  longitude: readonly [Rational, Rational, Rational];
  /** 0: above sea level, 1: below */
  altitude: { ref: 0 | 1; value: Rational } | null;
}

const GPS = { latitudeRef: 0x0001, latitude: 0x0002, longitudeRef: 0x0003, longitude: 0x0004, altitudeRef: 0x0005, altitude: 0x0006 } as const;

/**
 * The position in an EXIF block, or null when it has none or it is not well formed (a reference
 * other than N/S or E/W, a zero denominator, a latitude beyond 90° or a longitude beyond 180°).
 * An altitude that is not well formed is left out; the position stays. Never throws.
 */
export function readGpsPosition(block: Uint8Array | null | undefined): GpsPosition | null {
  const directories = readExif(block);
  if (!directories || !directories.gps.length) return null;
  const entry = (tag: number) => directories.gps.find((candidate) => candidate.tag === tag);
  const latitudeRef = reference(entry(GPS.latitudeRef), ['N', 'S']);
  const longitudeRef = reference(entry(GPS.longitudeRef), ['E', 'W']);
  const latitude = rationals(directories, entry(GPS.latitude), 3);
  const longitude = rationals(directories, entry(GPS.longitude), 3);
  if (!latitudeRef || !longitudeRef || !latitude || !longitude) return null;
  const position: GpsPosition = {
    latitudeRef,
    latitude: latitude as [Rational, Rational, Rational],
    longitudeRef,
    longitude: longitude as [Rational, Rational, Rational],
    altitude: altitudeOf(directories, entry(GPS.altitudeRef), entry(GPS.altitude)),
  };
  const { latitude: lat, longitude: lon } = toLocation(position);
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) return null;
  return position;
}

export function toLocation(position: GpsPosition): PhotoLocation {
  const degrees = ([d, m, s]: GpsPosition['latitude']) => value(d) + value(m) / 60 + value(s) / 3600;
  const latitude = degrees(position.latitude) * (position.latitudeRef === 'S' ? -1 : 1);
  const longitude = degrees(position.longitude) * (position.longitudeRef === 'W' ? -1 : 1);
  const altitude = position.altitude ? value(position.altitude.value) * (position.altitude.ref === 1 ? -1 : 1) : null;
  return { latitude: round(latitude, 7), longitude: round(longitude, 7), altitude: altitude === null ? null : round(altitude, 2) };
}

/**
 * The EXIF to write with sharp's `withExif`: the GPS directory (libvips's IFD3) with the position
 * alone. An altitude below sea level is left out: libvips sets numeric tags from text, but not
 * BYTE ones, so GPSAltitudeRef stays 0 (above) whatever it is given, and the depth would be
 * written as a height.
 */
export function positionExif(position: GpsPosition): Exif {
  const text = (parts: readonly Rational[]) => parts.map(([numerator, denominator]) => `${numerator}/${denominator}`).join(' ');
  return {
    IFD3: {
      GPSLatitudeRef: position.latitudeRef,
      GPSLatitude: text(position.latitude),
      GPSLongitudeRef: position.longitudeRef,
      GPSLongitude: text(position.longitude),
      ...(position.altitude?.ref === 0 ? { GPSAltitudeRef: '0', GPSAltitude: text([position.altitude.value]) } : {}),
    },
  };
}

const value = ([numerator, denominator]: Rational) => numerator / denominator;
const round = (number: number, places: number) => Math.round(number * 10 ** places) / 10 ** places;

/** An ASCII reference of one letter (a NUL may follow), one of those allowed. */
function reference<const T extends string>(entry: ExifEntry | undefined, allowed: readonly T[]): T | null {
  if (!entry || entry.type !== 2 || entry.count < 1 || entry.count > 2) return null;
  if (entry.count === 2 && entry.value[1] !== 0) return null;
  const letter = String.fromCharCode(entry.value[0]!).toUpperCase();
  return (allowed as readonly string[]).includes(letter) ? (letter as T) : null;
}

/** `count` unsigned rationals (a signed type is read only if no part is negative), every denominator non-zero. */
function rationals(directories: ExifDirectories, entry: ExifEntry | undefined, count: number): Rational[] | null {
  if (!entry || (entry.type !== 5 && entry.type !== 10) || entry.count !== count) return null;
  const view = new DataView(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength);
  const parts: Rational[] = [];
  for (let index = 0; index < count; index++) {
    const read = entry.type === 5 ? view.getUint32.bind(view) : view.getInt32.bind(view);
    const numerator = read(index * 8, directories.littleEndian);
    const denominator = read(index * 8 + 4, directories.littleEndian);
    if (numerator < 0 || denominator <= 0) return null;
    parts.push([numerator, denominator]);
  }
  return parts;
}

function altitudeOf(directories: ExifDirectories, refEntry: ExifEntry | undefined, valueEntry: ExifEntry | undefined): GpsPosition['altitude'] {
  const [altitude] = rationals(directories, valueEntry, 1) ?? [];
  if (!altitude) return null;
  if (!refEntry) return { ref: 0, value: altitude }; // absent reference: above sea level (EXIF 2.3)
  if (refEntry.type !== 1 || refEntry.count !== 1 || refEntry.value[0]! > 1) return null;
  return { ref: refEntry.value[0] as 0 | 1, value: altitude };
}
