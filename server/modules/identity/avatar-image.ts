import sharp from 'sharp';
import { AppError } from '../../errors.ts';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const AVATAR_SIZE = 256;

/**
 * The avatar is judged by its content, not its declared type: it must decode as PNG, JPEG or
 * WebP. It is re-encoded to a 256-pixel square WebP, which drops EXIF (location included) and
 * any payload hidden after the image data.
 */
export async function reencodeAvatar(image: Buffer): Promise<Buffer> {
  let format: string | undefined;
  try {
    format = (await sharp(image, { limitInputPixels: 40_000_000 }).metadata()).format;
  } catch {
    throw new AppError('avatar_invalid');
  }
  if (format !== 'png' && format !== 'jpeg' && format !== 'webp') throw new AppError('avatar_invalid');
  try {
    return await sharp(image, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    throw new AppError('avatar_invalid');
  }
}
