import { expect } from 'vitest';
import type { TestPlatform, TestSession } from './harness.ts';

/** Building blocks for organisation tests, all through the HTTP API as a person would. */
export async function createOrg(t: TestPlatform, owner: TestSession, name = 'Kaadas Demo Co.'): Promise<string> {
  const response = await t.request({ method: 'POST', url: '/api/orgs', payload: { name, region: 'CN' }, session: owner });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().organisation.id as string;
}

export async function invite(t: TestPlatform, admin: TestSession, orgId: string, body: Record<string, unknown>): Promise<string> {
  const response = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/invitations`, payload: { attestation: 'v1', ...body }, session: admin });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().invitation.id as string;
}

export async function acceptInvitation(t: TestPlatform, invitee: TestSession, memberId: string): Promise<void> {
  const response = await t.request({ method: 'POST', url: `/api/invitations/${memberId}/accept`, session: invitee });
  expect(response.statusCode, response.body).toBe(200);
}

/** Invites a person by work email, signs them in with that address and accepts: an active member. */
export async function addMember(
  t: TestPlatform,
  admin: TestSession,
  orgId: string,
  email: string,
  body: Record<string, unknown> = {},
): Promise<{ session: TestSession; memberId: string }> {
  const memberId = await invite(t, admin, orgId, { name: email.split('@')[0], workEmail: email, ...body });
  const session = await t.signIn(email, { name: email.split('@')[0] });
  await acceptInvitation(t, session, memberId);
  return { session, memberId };
}

export async function createDepartment(t: TestPlatform, admin: TestSession, orgId: string, name: string, parentId?: string): Promise<string> {
  const response = await t.request({ method: 'POST', url: `/api/orgs/${orgId}/departments`, payload: { name, parentId }, session: admin });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().department.id as string;
}
