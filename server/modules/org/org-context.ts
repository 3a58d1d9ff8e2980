import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { requireSession } from '../identity/authentication.ts';
import type { OrgContext } from './org-access.ts';

/** Signed in, and an active member of the organisation in the path. */
export async function orgContext(request: FastifyRequest, services: Services, orgId: string): Promise<OrgContext> {
  const active = await requireSession(request, services.sessions, services.config);
  return services.org.access.enter(active.account, orgId);
}

/** Signed in, and an active member of the organisation or contacts space in the path: the chat routes' gate. */
export async function chatContext(request: FastifyRequest, services: Services, orgId: string): Promise<OrgContext> {
  const active = await requireSession(request, services.sessions, services.config);
  return services.org.access.enterChats(active.account, orgId);
}
