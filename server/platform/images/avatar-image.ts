import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { AppError } from '../../errors.ts';

/**
 * Avatars: a person's and a group chat's picture. Both are uploaded as the raw image (Content-Type
 * one of AVATAR_TYPES, at most AVATAR_MAX_BYTES) and stored only as the re-encoded WebP below.
 */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
/** what the re-encoded image is served as */
export const AVATAR_CONTENT_TYPE = 'image/webp';
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

/** The image types an avatar upload may declare, read as raw bytes app-wide (other routes never see them). */
export function registerAvatarContentTypes(app: FastifyInstance): void {
  app.addContentTypeParser(AVATAR_TYPES, { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES }, (_request, body, done) => done(null, body));
}
