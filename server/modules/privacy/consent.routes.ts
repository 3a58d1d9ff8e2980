import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { isoTime, localisedText } from '../../../common/api-schemas.ts';
import { devicePermissions, permissionFunctionKeys, permissionFunctions, type PermissionFunctionKey } from '../../../common/permissions.ts';
import { requireSession } from '../identity/authentication.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const functionKey = z.enum(permissionFunctionKeys as [PermissionFunctionKey, ...PermissionFunctionKey[]]);
const permissionsResponse = z.object({
  permissions: z.array(
    z.object({
      permission: z.enum(devicePermissions),
      functions: z.array(
        z.object({
          function: functionKey,
          purpose: localisedText,
          withdrawal: localisedText.describe('what a withdrawal deletes of what the function kept, asked before withdrawing'),
          granted: z.boolean(),
          since: isoTime.nullable(),
        }),
      ),
    }),
  ),
});

/** My device permissions, granted per function and withdrawable at any time (P0.3). */
export async function consentRoutes(instance: FastifyInstance, services: Services): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { config, sessions, consents } = services;
  const present = async (account: Parameters<typeof consents.state>[0]) => {
    const state = await consents.state(account);
    return {
      permissions: devicePermissions.map((permission) => ({
        permission,
        functions: state[permission].map((entry) => ({
          function: entry.function,
          purpose: permissionFunctions[entry.function].purpose,
          withdrawal: permissionFunctions[entry.function].withdrawal,
          granted: entry.granted,
          since: iso(entry.since),
        })),
      })),
    };
  };

  app.get(
    '/api/me/permissions',
    { schema: { tags: ['privacy'], summary: 'My device permissions: all off until I grant one for a named function', response: { 200: permissionsResponse } } },
    async (request) => present((await requireSession(request, sessions, config)).account),
  );

  app.put(
    '/api/me/permissions/:function',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Grant or withdraw a permission for one function',
        params: z.object({ function: functionKey }).strict(),
        body: z.object({ granted: z.boolean() }).strict(),
        response: { 200: permissionsResponse },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      await consents.set(active.account, request.params.function, request.body.granted);
      return present(active.account);
    },
  );

  app.get(
    '/api/me/permissions/history',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Every grant and withdrawal, newest first, with the policy version in force',
        response: {
          200: z.object({
            history: z.array(z.object({ permission: z.string(), function: z.string(), action: z.enum(['grant', 'withdraw']), policyVersionId: z.string().nullable(), at: isoTime })),
          }),
        },
      },
    },
    async (request) => {
      const active = await requireSession(request, sessions, config);
      return { history: (await consents.history(active.account)).map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })) };
    },
  );
}
