import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import { devicePermissions, permissionFunctions, type DevicePermission, type PermissionFunctionKey } from '../../../common/permissions.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { PolicyService } from './policy.service.ts';

/** How a withdrawal sets off the deletion of what a function collected: a job, so it survives restarts. */
export interface WithdrawalJobs {
  enqueue(kind: string, runAt: number, subjectAccountId: string | null, within: Kysely<Database>): Promise<string>;
  /** run it now rather than at the next interval */
  nudge(): void;
}

export interface FunctionConsent {
  function: PermissionFunctionKey;
  granted: boolean;
  since: number | null;
}

export interface ConsentHistoryEntry {
  permission: string;
  function: string;
  action: 'grant' | 'withdraw';
  policyVersionId: string | null;
  at: number;
}

/**
 * Device permissions (P0.3): off by default; granted only for a named function, with the policy
 * version in force recorded; withdrawable at any time; and the server refuses work that needs a
 * permission that is not granted, so nothing is collected while it is off. A withdrawal also
 * deletes what the function kept while it was on (policy §6): in the same transaction as the
 * withdrawal, a job is enqueued that deletes it, for every function that keeps anything.
 */
export class ConsentService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      policy: PolicyService;
      jobs: WithdrawalJobs;
      /**
       * Every function names the job that deletes what it kept, or null when it keeps nothing: a
       * new function cannot be added without deciding (the job's created_at is the withdrawal).
       */
      deleteOnWithdrawal: Record<PermissionFunctionKey, string | null>;
    },
  ) {}

  async state(account: AccountRow): Promise<Record<DevicePermission, FunctionConsent[]>> {
    const latest = await this.latest(account.id);
    const state = Object.fromEntries(devicePermissions.map((permission) => [permission, [] as FunctionConsent[]])) as Record<DevicePermission, FunctionConsent[]>;
    for (const [key, definition] of Object.entries(permissionFunctions) as Array<[PermissionFunctionKey, (typeof permissionFunctions)[PermissionFunctionKey]]>) {
      const last = latest.get(key);
      state[definition.permission].push({ function: key, granted: last?.action === 'grant', since: last?.action === 'grant' ? last.at : null });
    }
    return state;
  }

  async set(account: AccountRow, functionKey: PermissionFunctionKey, granted: boolean): Promise<void> {
    const current = (await this.latest(account.id)).get(functionKey);
    if ((current?.action === 'grant') === granted) return;
    const policyVersion = await this.deps.policy.current();
    const deletion = granted ? null : this.deps.deleteOnWithdrawal[functionKey];
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('consent_event')
        .values({
          id: timeOrderedId(now),
          account_id: account.id,
          permission: permissionFunctions[functionKey].permission,
          function_key: functionKey,
          action: granted ? 'grant' : 'withdraw',
          policy_version_id: policyVersion?.id ?? null,
          occurred_at: now,
        })
        .execute();
      if (deletion) await this.deps.jobs.enqueue(deletion, now, account.id, trx);
    });
    if (deletion) this.deps.jobs.nudge();
  }

  async history(account: AccountRow): Promise<ConsentHistoryEntry[]> {
    const rows = await this.deps.db.selectFrom('consent_event').selectAll().where('account_id', '=', account.id).orderBy('id', 'desc').execute();
    return rows.map((row) => ({ permission: row.permission, function: row.function_key, action: row.action as 'grant' | 'withdraw', policyVersionId: row.policy_version_id, at: row.occurred_at }));
  }

  /** The gate in front of every function that uses a device permission. */
  async require(account: AccountRow, functionKey: PermissionFunctionKey): Promise<void> {
    if (!(await this.granted(account.id, functionKey))) {
      throw new AppError('consent_required', { permission: permissionFunctions[functionKey].permission, function: functionKey });
    }
  }

  /**
   * Whether the person's latest decision for a function is a grant, for functions that do less
   * without it rather than refuse (a photo sent without consent loses its location).
   */
  async granted(accountId: string, functionKey: PermissionFunctionKey): Promise<boolean> {
    return (await this.latest(accountId)).get(functionKey)?.action === 'grant';
  }

  private async latest(accountId: string): Promise<Map<string, { action: string; at: number }>> {
    const rows = await this.deps.db.selectFrom('consent_event').select(['function_key', 'action', 'occurred_at']).where('account_id', '=', accountId).orderBy('id').execute();
    const latest = new Map<string, { action: string; at: number }>();
    for (const row of rows) latest.set(row.function_key, { action: row.action, at: row.occurred_at });
    return latest;
  }
}
