import { z } from 'zod';
import { isoTime } from '../../../common/api-schemas.ts';

export const freshCodeBody = z.object({ challengeId: z.string().uuid(), code: z.string().regex(/^\d{6}$/, 'The code is 6 digits') }).strict();
export const exportParams = z.object({ exportId: z.string().uuid() }).strict();

export const exportResponse = z.object({
  id: z.string(),
  status: z.enum(['pending', 'running', 'ready', 'failed', 'expired']),
  progress: z.object({ tablesDone: z.number(), tablesTotal: z.number() }).describe('tables of the data map walked so far, of all that can hold the person’s data'),
  requestedAt: isoTime,
  readyAt: isoTime.nullable(),
  /** set once the file is ready: after it the link answers 410 and the file is deleted */
  expiresAt: isoTime.nullable(),
  bytes: z.number().nullable(),
  downloadUrl: z.string().nullable(),
});
