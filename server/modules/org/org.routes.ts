import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { localisedText } from '../../../common/api-schemas.ts';
import { attestationTexts, currentAttestationVersion } from '../../../common/org.ts';
import { requireSession } from '../identity/authentication.ts';
import { orgContext } from './org-context.ts';
import { openDetails } from './member-details.ts';
import { employerManagedFields, presentAuditEvent, presentMember, presentOrganisation } from './org.presenter.ts';
import { auditEventResponse, createOrgBody, myMembershipResponse, organisationResponse, orgParams, orgSettingsBody } from './org.schema.ts';
import { orgRoute } from './org.policy.ts';

/** Organisations: registering one, my organisations, settings, my own record (P8.1) and the admin audit log. */
export async function orgRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { org, config, sessions, accounts, envelope } = services;

  app.get(
    '/api/attestation-text',
    { schema: { tags: ['organisations'], summary: 'The attestation an admin ticks before inviting', response: { 200: z.object({ version: z.string(), text: localisedText }) } } },
    async () => ({ version: currentAttestationVersion, text: attestationTexts[currentAttestationVersion] }),
  );

  app.post(
    '/api/orgs',
    { schema: { tags: ['organisations'], summary: 'Register an organisation (you become its owner)', body: createOrgBody, response: { 201: z.object({ organisation: organisationResponse }) } } },
    async (request, reply) => {
      const active = await requireSession(request, sessions, config);
      const view = await accounts.view(active.account);
      const created = await org.organisations.create(active.account, view, request.body);
      return reply.code(201).send({ organisation: presentOrganisation(created.org, created.me) });
    },
  );

  app.get(
    '/api/orgs',
    { schema: { tags: ['organisations'], summary: 'My organisations', response: { 200: z.object({ organisations: z.array(organisationResponse) }) } } },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      const rows = await org.organisations.mine(active.account);
      return { organisations: rows.map((row) => presentOrganisation(row, { id: row.member_id, role: row.role })) };
    },
  );

  app.get(
    '/api/orgs/:orgId',
    { schema: { ...orgRoute('membership'), tags: ['organisations'], summary: 'One of my organisations', params: orgParams, response: { 200: z.object({ organisation: organisationResponse }) } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { organisation: presentOrganisation(ctx.org, ctx.me) };
    },
  );

  app.patch(
    '/api/orgs/:orgId',
    {
      schema: { ...orgRoute('settings.change'), tags: ['organisations'], summary: 'Change the organisation’s name or contact visibility (admins)', params: orgParams, body: orgSettingsBody, response: { 200: z.object({ organisation: organisationResponse }) } },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const updated = await org.organisations.changeSettings(ctx, request.body);
      return { organisation: presentOrganisation(updated, ctx.me) };
    },
  );

  app.get(
    '/api/orgs/:orgId/me',
    { schema: { ...orgRoute('membership'), tags: ['organisations'], summary: 'My own record in this organisation, and which fields the employer manages', params: orgParams, response: { 200: myMembershipResponse } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const details = await openDetails(envelope, ctx.me);
      const department = ctx.me.department_id ? await org.repo.department(ctx.org.id, ctx.me.department_id) : undefined;
      const supervisor = ctx.me.supervisor_id ? await org.repo.member(ctx.org.id, ctx.me.supervisor_id) : undefined;
      const account = await accounts.view(ctx.account);
      const avatars = await org.repo.avatarVersions([ctx.account.id]);
      const member = presentMember(ctx.org.id, ctx.me, details, avatars);
      return {
        member,
        workEmail: details.workEmail,
        workPhone: details.workPhone,
        department: department ? { id: department.id, name: department.name } : null,
        supervisor: supervisor ? { id: supervisor.id, name: (await openDetails(envelope, supervisor)).name } : null,
        employerManagedFields,
        suppliedFields: JSON.parse(ctx.me.supplied_fields) as string[],
        suppliedAt: ctx.me.supplied_at === null ? null : new Date(ctx.me.supplied_at).toISOString(),
        account: { name: account.name, email: account.email, phone: account.phone, avatarUrl: member.avatarUrl },
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/audit-events',
    {
      schema: {
        ...orgRoute('audit.read'),
        tags: ['organisations'],
        summary: 'The admin audit log, newest first (admins)',
        params: orgParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.string().datetime().optional() }).strict(),
        response: { 200: z.object({ events: z.array(auditEventResponse) }) },
      },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const before = request.query.before ? Date.parse(request.query.before) : undefined;
      const views = await org.audit.list(ctx, { limit: request.query.limit, before });
      return { events: views.map(presentAuditEvent) };
    },
  );

  app.get(
    '/api/orgs/:orgId/audit-events.csv',
    { schema: { ...orgRoute('audit.read'), tags: ['organisations'], summary: 'Export the admin audit log as CSV (admins)', params: orgParams } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const csv = await org.audit.exportCsv(ctx);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${ctx.org.id}.csv"`)
        .send('\uFEFF' + csv);
    },
  );
}
