import { z } from 'zod';

export const requestParams = z.object({ requestId: z.string().uuid() }).strict();
export const contactParams = z.object({ contactId: z.string().uuid() }).strict();
export const contactRequestBody = z.object({ identifier: z.string().min(1).max(300).describe('the exact mobile number (+8613812345678) or email address of the person') }).strict();

export const contactResponse = z.object({ id: z.string(), name: z.string(), since: z.string() });
export const incomingRequestResponse = z.object({ id: z.string(), name: z.string(), hint: z.string(), sentAt: z.string() });
export const overviewResponse = z.object({ spaceId: z.string().nullable(), myMemberId: z.string().nullable(), contacts: z.array(contactResponse), incoming: z.array(incomingRequestResponse) });
