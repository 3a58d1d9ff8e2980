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

/** The owner promotes an active member to admin. */
export async function promoteToAdmin(t: TestPlatform, owner: TestSession, orgId: string, memberId: string): Promise<void> {
  const response = await t.request({ method: 'PATCH', url: `/api/orgs/${orgId}/members/${memberId}`, payload: { role: 'admin' }, session: owner });
  expect(response.statusCode, response.body).toBe(200);
}

export interface AuditEventView {
  action: string;
  actorName: string | null;
  targetName: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
  occurredAt: string;
}

/** The organisation's audit log as an admin reads it, newest first. */
export async function auditEvents(t: TestPlatform, admin: TestSession, orgId: string): Promise<AuditEventView[]> {
  const response = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/audit-events?limit=500`, session: admin });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().events as AuditEventView[];
}

export interface ImportView {
  id: string;
  status: 'running' | 'finished' | 'failed' | 'interrupted';
  total: number;
  processed: number;
  invited: number;
  skipped: number;
  failed: number;
  problems: Array<{ line: number; reason: string }>;
}

/** Uploads a CSV file for a bulk invitation, as the web client does (the raw file, Content-Type text/csv). */
export function uploadCsv(t: TestPlatform, admin: TestSession, orgId: string, file: string | Buffer, options: { attestation?: string | null; contentType?: string } = {}) {
  const attestation = options.attestation === undefined ? 'v1' : options.attestation;
  return t.request({
    method: 'POST',
    url: `/api/orgs/${orgId}/invitation-imports${attestation === null ? '' : `?attestation=${attestation}`}`,
    payload: file,
    headers: { 'content-type': options.contentType ?? 'text/csv' },
    session: admin,
  });
}

/** Polls an import (it runs in the background) until it is no longer running. */
export async function waitForImport(t: TestPlatform, admin: TestSession, orgId: string, importId: string, timeoutMs = 10_000): Promise<ImportView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.request({ method: 'GET', url: `/api/orgs/${orgId}/invitation-imports/${importId}`, session: admin });
    expect(response.statusCode, response.body).toBe(200);
    const run = response.json().import as ImportView;
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`import ${importId} still running after ${timeoutMs} ms: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
