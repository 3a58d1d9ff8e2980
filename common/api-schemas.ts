import { z } from 'zod';

/** Shapes shared by several modules' API schemas. */
export const localisedText = z.object({ 'zh-CN': z.string(), en: z.string() });
export const isoTime = z.string().describe('ISO 8601 time in UTC');
export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }).passthrough(),
});
export const uuidParam = z.string().uuid();
