import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { orgContext } from './org-context.ts';
import { orgRoute } from './org.policy.ts';
import { presentDepartment, presentMember } from './org.presenter.ts';
import type { MemberView } from './members.service.ts';
import {
  departmentBody,
  departmentChangesBody,
  departmentParams,
  departmentResponse,
  memberChangesBody,
  memberParams,
  memberResponse,
  orgParams,
} from './org.schema.ts';

/** The directory (members, their contact data, the department tree) and admins' edits to it. */
export async function directoryRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { org, accounts } = services;
  const present = async (orgId: string, views: MemberView[]) => {
    const avatars = await org.repo.avatarVersions(views.map((view) => view.row.account_id).filter((id): id is string => !!id));
    return views.map((view) => presentMember(orgId, view.row, view.details, avatars));
  };

  app.get(
    '/api/orgs/:orgId/members',
    {
      schema: {
        ...orgRoute('directory.read'),
        tags: ['directory'],
        summary: 'Browse and search the directory',
        params: orgParams,
        querystring: z.object({ q: z.string().max(100).optional(), departmentId: z.string().uuid().optional() }).strict(),
        response: { 200: z.object({ members: z.array(memberResponse) }) },
      },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      if (request.query.departmentId && !(await org.repo.department(ctx.org.id, request.query.departmentId))) throw new AppError('department_not_found');
      return { members: await present(ctx.org.id, await org.members.directory(ctx, request.query)) };
    },
  );

  app.get(
    '/api/orgs/:orgId/members/:memberId',
    { schema: { ...orgRoute('directory.read'), tags: ['directory'], summary: 'A member’s profile', params: memberParams, response: { 200: z.object({ member: memberResponse }) } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const [member] = await present(ctx.org.id, [await org.members.profile(ctx, request.params.memberId)]);
      return { member: member! };
    },
  );

  app.get(
    '/api/orgs/:orgId/members/:memberId/contact',
    {
      schema: {
        ...orgRoute('contact.revealAny'),
        tags: ['directory'],
        summary: 'A member’s full work email and phone (admins, or everyone when the organisation shows full contact data); audited',
        params: memberParams,
        response: { 200: z.object({ workEmail: z.string().nullable(), workPhone: z.string().nullable() }) },
      },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const details = await org.members.revealContact(ctx, request.params.memberId);
      return { workEmail: details.workEmail, workPhone: details.workPhone };
    },
  );

  app.get(
    '/api/orgs/:orgId/members/:memberId/avatar',
    { schema: { ...orgRoute('directory.read'), tags: ['directory'], summary: 'A member’s avatar', params: memberParams } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const view = await org.members.profile(ctx, request.params.memberId);
      const image = view.row.account_id ? await accounts.avatarOf(view.row.account_id) : null;
      if (!image) throw new AppError('not_found');
      return reply.header('content-type', 'image/webp').header('cache-control', 'private, max-age=86400').send(image);
    },
  );

  app.patch(
    '/api/orgs/:orgId/members/:memberId',
    { schema: { ...orgRoute('member.update'), tags: ['directory'], summary: 'Change a member’s record or role (admins)', params: memberParams, body: memberChangesBody, response: { 200: z.object({ member: memberResponse }) } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      const [member] = await present(ctx.org.id, [await org.members.update(ctx, request.params.memberId, request.body)]);
      return { member: member! };
    },
  );

  app.delete(
    '/api/orgs/:orgId/members/:memberId',
    { schema: { ...orgRoute('member.remove'), tags: ['directory'], summary: 'Remove a member: their access ends at once (admins)', params: memberParams } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      await org.members.remove(ctx, request.params.memberId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/orgs/:orgId/contact-matches',
    {
      schema: {
        ...orgRoute('directory.read'),
        tags: ['directory'],
        summary:
          'Which contacts from my address book are colleagues here (needs the address-book permission; nothing is stored). Tells no more than I may see: where contact data is masked and I may not reveal it, emails are not compared and a number confirms a colleague only within a daily budget of guesses at their masked number; every confirmation is audited like a reveal; 30 requests a day',
        params: orgParams,
        body: z.object({ emails: z.array(z.string().max(320)).max(2000).default([]), phones: z.array(z.string().max(32)).max(2000).default([]) }).strict(),
        response: { 200: z.object({ members: z.array(memberResponse), unanswered: z.number().int().min(0) }) },
      },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      await services.consents.require(ctx.account, 'directory.match_contacts');
      const matches = await org.contactMatches.match(ctx, request.body);
      return { members: await present(ctx.org.id, matches.views), unanswered: matches.unanswered };
    },
  );

  app.get(
    '/api/orgs/:orgId/departments',
    { schema: { ...orgRoute('directory.read'), tags: ['directory'], summary: 'The department tree (flat, with parent ids)', params: orgParams, response: { 200: z.object({ departments: z.array(departmentResponse) }) } } },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { departments: (await org.departments.list(ctx)).map(presentDepartment) };
    },
  );

  app.post(
    '/api/orgs/:orgId/departments',
    { schema: { ...orgRoute('department.manage'), tags: ['directory'], summary: 'Create a department (admins)', params: orgParams, body: departmentBody, response: { 201: z.object({ department: departmentResponse }) } } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return reply.code(201).send({ department: presentDepartment(await org.departments.create(ctx, request.body)) });
    },
  );

  app.patch(
    '/api/orgs/:orgId/departments/:departmentId',
    {
      schema: { ...orgRoute('department.manage'), tags: ['directory'], summary: 'Rename or move a department (admins)', params: departmentParams, body: departmentChangesBody, response: { 200: z.object({ department: departmentResponse }) } },
    },
    async (request) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      return { department: presentDepartment(await org.departments.update(ctx, request.params.departmentId, request.body)) };
    },
  );

  app.delete(
    '/api/orgs/:orgId/departments/:departmentId',
    { schema: { ...orgRoute('department.manage'), tags: ['directory'], summary: 'Delete an empty department (admins)', params: departmentParams } },
    async (request, reply) => {
      const ctx = await orgContext(request, services, request.params.orgId);
      await org.departments.remove(ctx, request.params.departmentId);
      return reply.code(204).send();
    },
  );
}
