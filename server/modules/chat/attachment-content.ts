import sharp from 'sharp';
import { AppError } from '../../errors.ts';
import { positionExif, readGpsPosition, toLocation, type PhotoLocation } from './photo-location.ts';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 50_000_000;

const imageTypes = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' } as const;

/** File types that are served as themselves; anything else is stored and served as application/octet-stream. */
const knownTypes = new Set(['application/pdf', 'application/zip', 'text/plain', 'text/csv', 'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation']);

export interface CheckedContent {
  bytes: Buffer;
  contentType: string;
  image: { width: number; height: number } | null;
  /** the place the photo was taken, kept in the stored picture (only when its sender consented) */
  location: PhotoLocation | null;
}

export interface ContentOptions {
  /** the sender granted `chat.photo_location` (checked by the caller, on the server, at upload) */
  keepLocation: boolean;
}

/**
 * A stored picture without the place it was taken, for a sender who withdrew `chat.photo_location`:
 * re-encoded the way an upload without consent is, so it keeps no metadata at all. Checked after,
 * as a deletion that leaves the position behind must fail rather than pass for done.
 */
export async function withoutLocation(bytes: Buffer, contentType: string): Promise<Buffer> {
  const stripped = (await checkContent(bytes, contentType, { keepLocation: false })).bytes;
  if (readGpsPosition((await sharp(stripped).metadata()).exif)) throw Object.assign(new Error('the position survived re-encoding'), { code: 'place_not_removed' });
  return stripped;
}

/** What the first bytes say a file is, whatever it claims. */
export function sniff(bytes: Buffer): keyof typeof imageTypes | 'pdf' | 'zip' | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  return null;
}

/**
 * Checks a file's content against its declared type and size. A picture must decode as the type
 * it claims, and is stored re-encoded: EXIF and every other metadata (the camera's serial number,
 * the time, the place a photo was taken) are dropped, and a file crafted to attack image decoders
 * in browsers never reaches them as it was sent. The one exception is the place, when its sender
 * consented to keep it: the GPS position alone is written back (see photo-location.ts). Other
 * files keep their bytes; a claimed PDF or ZIP must start like one, and a text file must be UTF-8.
 */
export async function checkContent(bytes: Buffer, declared: string, options: ContentOptions = { keepLocation: false }): Promise<CheckedContent> {
  if (bytes.length === 0) throw new AppError('invalid_request', {}, 'The file is empty.');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('attachment_too_large');
  const type = declared.split(';')[0]!.trim().toLowerCase();
  const sniffed = sniff(bytes);
  if (type.startsWith('image/')) {
    const format = (Object.entries(imageTypes).find(([, mime]) => mime === type)?.[0] ?? null) as keyof typeof imageTypes | null;
    if (!format || sniffed !== format) throw new AppError('attachment_type_mismatch');
    try {
      const source = sharp(bytes, { animated: format === 'gif' || format === 'webp', limitInputPixels: MAX_PIXELS, failOn: 'error' });
      const meta = await source.metadata();
      // without consent the EXIF block is not even read for a position
      const position = options.keepLocation ? readGpsPosition(meta.exif) : null;
      const pipeline = source.rotate().toFormat(format);
      if (position) pipeline.withExif(positionExif(position));
      const reencoded = await pipeline.toBuffer({ resolveWithObject: true });
      // the place as the stored picture carries it (GIF carries none; a depth below sea level is not written)
      const kept = position ? readGpsPosition((await sharp(reencoded.data).metadata()).exif) : null;
      return {
        bytes: reencoded.data,
        contentType: type,
        image: { width: reencoded.info.width, height: meta.pageHeight ?? reencoded.info.height },
        location: kept ? toLocation(kept) : null,
      };
    } catch {
      throw new AppError('attachment_type_mismatch', {}, 'The picture could not be read: it is damaged or not really a picture.');
    }
  }
  // a picture sent as "a file" is still a picture: it loses its metadata the same way
  if (sniffed && sniffed in imageTypes) return checkContent(bytes, imageTypes[sniffed as keyof typeof imageTypes], options);
  if (type === 'application/pdf' && sniffed !== 'pdf') throw new AppError('attachment_type_mismatch', {}, 'The file says it is a PDF, but its content is not.');
  if ((type === 'application/zip' || type.startsWith('application/vnd.openxmlformats')) && sniffed !== 'zip') {
    throw new AppError('attachment_type_mismatch', {}, 'The file says it is a ZIP or Office document, but its content is not.');
  }
  if (type.startsWith('text/')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError('attachment_type_mismatch', {}, 'A text file must be UTF-8 text.');
    }
    if (bytes.includes(0)) throw new AppError('attachment_type_mismatch', {}, 'A text file must be UTF-8 text.');
  }
  return { bytes, contentType: knownTypes.has(type) ? type : 'application/octet-stream', image: null, location: null };
}
