/**
 * A reader of the EXIF block of a picture (a TIFF structure, as sharp's `metadata().exif` gives it,
 * with or without its "Exif\0\0" prefix): the entries of the main directory (IFD0), of the EXIF
 * directory and of the GPS directory. The bytes come from whoever uploaded the picture, so every
 * offset and length is checked against the buffer and nothing here throws: a block that is not
 * well formed reads as null, a directory that is not as empty.
 */

export interface ExifEntry {
  tag: number;
  type: number;
  count: number;
  /** the value's bytes (count × the type's size), inside the block */
  value: Uint8Array;
}

export interface ExifDirectories {
  littleEndian: boolean;
  ifd0: ExifEntry[];
  exif: ExifEntry[];
  gps: ExifEntry[];
}

/** Bytes per component of each TIFF field type (1 BYTE … 13 IFD); unknown types are skipped. */
const typeSizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

export const EXIF_IFD_POINTER = 0x8769;
export const GPS_IFD_POINTER = 0x8825;

const PREFIX = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

export function readExif(block: Uint8Array | null | undefined): ExifDirectories | null {
  if (!block) return null;
  let tiff = block;
  if (tiff.length >= PREFIX.length && PREFIX.every((byte, index) => tiff[index] === byte)) tiff = tiff.subarray(PREFIX.length);
  if (tiff.length < 8) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return null; // "II" or "MM"
  const littleEndian = order === 0x4949;
  if (view.getUint16(2, littleEndian) !== 42) return null;

  const directory = (offset: number | null): ExifEntry[] | null => {
    if (offset === null || offset < 8 || offset + 2 > tiff.length) return null;
    const count = view.getUint16(offset, littleEndian);
    if (offset + 2 + count * 12 > tiff.length) return null;
    const entries: ExifEntry[] = [];
    for (let index = 0; index < count; index++) {
      const at = offset + 2 + index * 12;
      const tag = view.getUint16(at, littleEndian);
      const type = view.getUint16(at + 2, littleEndian);
      const components = view.getUint32(at + 4, littleEndian);
      const size = typeSizes[type];
      if (size === undefined) continue;
      const length = size * components;
      const start = length <= 4 ? at + 8 : view.getUint32(at + 8, littleEndian);
      if (start + length > tiff.length) continue; // points outside the block: not a value
      entries.push({ tag, type, count: components, value: tiff.subarray(start, start + length) });
    }
    return entries;
  };
  const pointer = (entries: ExifEntry[], tag: number): number | null => {
    const entry = entries.find((candidate) => candidate.tag === tag);
    if (!entry || entry.count !== 1 || (entry.type !== 4 && entry.type !== 13)) return null;
    return new DataView(entry.value.buffer, entry.value.byteOffset, 4).getUint32(0, littleEndian);
  };

  const ifd0 = directory(view.getUint32(4, littleEndian));
  if (!ifd0) return null;
  return { littleEndian, ifd0, exif: directory(pointer(ifd0, EXIF_IFD_POINTER)) ?? [], gps: directory(pointer(ifd0, GPS_IFD_POINTER)) ?? [] };
}
