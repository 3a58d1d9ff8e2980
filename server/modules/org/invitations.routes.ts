import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { requireSession } from '../identity/authentication.ts';
import { orgContext } from './org-context.ts';
import { orgRoute } from './org.policy.ts';
import { openDetails } from './member-details.ts';
import { IMPORT_MAX_BYTES } from './invitation-import.service.ts';
import { presentImport, presentInviteeInvitation, presentOrganisation, presentPendingInvitation } from './org.presenter.ts';
import {
  importParams,
  importResponse,
  invitationBody,
  invitationParams,
  inviteeInvitationResponse,
  memberParams,
  organisationResponse,
  orgParams,
  pendingInvitationResponse,
} from './org.schema.ts';

/** Inviting people (one by one or from a CSV file), and the invitee's side: see, accept, decline. */
export async function invitationRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { org, config, sessions, envelope } = services;

  app.post(
    '/api/orgs/:orgId/invitations',
    {
      schema: {
        ...orgRoute('member.invite'),
        tags: ['invitations'],
        summary: 'Invite a person with the fields the employer supplies (admins; the attestation is required)',
        params: orgParams,
        body: invitationBody,
        response: { 201: z.object({ invitation: pendingInvitationResponse }) },
      },
    },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const { attestation, ...input } = request.body;
      const member = await org.invitations.invite(ctx, input, attestation);
      return reply.code(201).send({ invitation: presentPendingInvitation(member, await openDetails(envelope, member)) });
    },
  );

  app.get(
    '/api/orgs/:orgId/invitations',
    { schema: { ...orgRoute('member.invite'), tags: ['invitations'], summary: 'Open and declined invitations (admins)', params: orgParams, response: { 200: z.object({ invitations: z.array(pendingInvitationResponse) }) } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { invitations: (await org.invitations.pending(ctx)).map(({ row, details }) => presentPendingInvitation(row, details)) };
    },
  );

  app.delete(
    '/api/orgs/:orgId/invitations/:memberId',
    { schema: { ...orgRoute('member.invite'), tags: ['invitations'], summary: 'Withdraw an open invitation (admins)', params: memberParams } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      await org.invitations.revoke(ctx, request.params.memberId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/orgs/:orgId/invitation-imports',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        ...orgRoute('member.invite'),
        tags: ['invitations'],
        summary: 'Invite many people from a UTF-8 CSV file (Content-Type text/csv); runs in the background',
        params: orgParams,
        querystring: z.object({ attestation: z.string().max(20).optional() }).strict(),
        response: { 202: z.object({ import: importResponse }) },
      },
    },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      if (!Buffer.isBuffer(request.body)) throw new AppError('csv_invalid', {}, 'Send the file as the request body with Content-Type text/csv.');
      const { run } = await org.imports.start(ctx, request.body, request.query.attestation);
      return reply.code(202).send({ import: presentImport(run) });
    },
  );

  app.get(
    '/api/orgs/:orgId/invitation-imports/:importId',
    { schema: { ...orgRoute('member.invite'), tags: ['invitations'], summary: 'Progress and report of an import (admins)', params: importParams, response: { 200: z.object({ import: importResponse }) } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { import: presentImport(await org.imports.status(ctx, request.params.importId)) };
    },
  );

  app.get(
    '/api/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations to my verified email or phone, with exactly what the employer supplied',
        response: { 200: z.object({ invitations: z.array(inviteeInvitationResponse) }) },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const invitations = await org.invitations.forInvitee(active.account);
      const presented = [];
      for (const invitation of invitations) {
        const department = invitation.member.department_id ? await org.repo.department(invitation.org.id, invitation.member.department_id) : undefined;
        const supervisor = invitation.member.supervisor_id ? await org.repo.member(invitation.org.id, invitation.member.supervisor_id) : undefined;
        presented.push(
          presentInviteeInvitation(invitation, {
            department: department?.name ?? null,
            supervisor: supervisor ? (await openDetails(envelope, supervisor)).name : null,
          }),
        );
      }
      return { invitations: presented };
    },
  );

  app.post(
    '/api/invitations/:memberId/accept',
    { schema: { tags: ['invitations'], summary: 'Accept an invitation and join the organisation', params: invitationParams, response: { 200: z.object({ organisation: organisationResponse }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const member = await org.invitations.respond(active.account, request.params.memberId, 'accept');
      const organisation = await org.repo.organisation(member.org_id);
      if (!organisation) throw new AppError('invitation_not_found');
      return { organisation: presentOrganisation(organisation, member) };
    },
  );

  app.post(
    '/api/invitations/:memberId/decline',
    { schema: { tags: ['invitations'], summary: 'Decline an invitation', params: invitationParams } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      await org.invitations.respond(active.account, request.params.memberId, 'decline');
      return reply.code(204).send();
    },
  );
}

export function registerCsvContentType(app: FastifyInstance): void {
  app.addContentTypeParser(['text/csv'], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));
}
