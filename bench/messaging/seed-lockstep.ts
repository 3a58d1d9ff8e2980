/**
 * Seeds an empty Lockstep data directory for the messaging benchmark, through the services (the
 * HTTP sign-up would take far too long for 10,000 people): one organisation, PEOPLE accounts
 * that are all active members with one session each, PAIRS direct chats and groups of 100, 500
 * and 1,000 members. Writes the plan (tokens, ids) to PLAN_FILE for the load client.
 *
 *   DATA_DIR=… LOCKSTEP_KEK=… PLAN_FILE=… [PEOPLE=10000] [PAIRS=200] node --import tsx bench/messaging/seed-lockstep.ts
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/platform/log.ts';
import { bootPlatform, type Platform } from '../../server/boot.ts';
import type { AccountRow } from '../../server/modules/identity/identity.repo.ts';
import type { MemberRow, OrganisationRow } from '../../server/modules/org/org.repo.ts';
import type { OrgContext } from '../../server/modules/org/org-access.ts';
import { sealDetails } from '../../server/modules/org/member-details.ts';
import { selfSuppliedMember } from '../../server/modules/org/self-supplied-member.ts';
import type { ClientInfo } from '../../server/platform/http/client-info.ts';
import { GROUP_SIZES, writePlan, type Plan } from './plan.ts';

const people = Number(process.env.PEOPLE ?? 10_000);
const pairs = Number(process.env.PAIRS ?? 200);
const planFile = process.env.PLAN_FILE;
if (!planFile) throw new Error('set PLAN_FILE');
if (people < Math.max(2 * pairs, ...GROUP_SIZES)) throw new Error(`PEOPLE must be at least ${Math.max(2 * pairs, ...GROUP_SIZES)}`);

const BATCH = 250;
const client: ClientInfo = { ip: '127.0.0.1', userAgent: 'lockstep-bench/1', deviceId: null, timeZone: 'Asia/Shanghai', language: 'zh-CN' };

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOCKSTEP_DEMO: '0' });
const platform = await bootPlatform({ config, logger: createLogger('warn') });
const { services } = platform;
const started = Date.now();

// Seeding is not what is measured: its commits need not wait for the disk. The server opens the
// same files afresh with synchronous=FULL.
await sql`pragma synchronous = OFF`.execute(platform.database.db);
await sql`pragma synchronous = OFF`.execute(platform.keystore.db);

const ownerAccount = await services.db.transaction().execute((trx) => services.accounts.create({ channel: 'email', value: 'person0@bench.invalid' }, 'Bench Person 0', 'zh-CN', trx));
const created = await services.org.organisations.create(ownerAccount, { name: 'Bench Person 0', email: 'person0@bench.invalid', phone: null }, { name: 'Bench Co.', region: 'CN' });
const accounts: AccountRow[] = [ownerAccount];
const members: MemberRow[] = [created.me];

for (let start = 1; start < people; start += BATCH) {
  const end = Math.min(people, start + BATCH);
  await services.db.transaction().execute(async (trx) => {
    for (let index = start; index < end; index++) {
      const email = `person${index}@bench.invalid`;
      const account = await services.accounts.create({ channel: 'email', value: email }, `Bench Person ${index}`, 'zh-CN', trx);
      const member = await newMember(created.org, account, `Bench Person ${index}`, email);
      await services.org.repo.insertMember(member, trx);
      accounts.push(account);
      members.push(member);
    }
  });
}
log(`${people} accounts and members`);

const tokens: string[] = [];
for (const account of accounts) tokens.push((await services.sessions.start(account, client, true)).token);
log(`${people} sessions`);

const ctx = (index: number): OrgContext => ({ account: accounts[index]!, org: created.org, me: members[index]! });
const plan: Plan = {
  people: accounts.map((account, index) => ({ accountId: account.id, memberId: members[index]!.id, token: tokens[index]! })),
  pairs: [],
  groups: [],
};
for (let pair = 0; pair < pairs; pair++) {
  const a = 2 * pair;
  const b = a + 1;
  const { conversation } = await services.conversations.openDirect(ctx(a), members[b]!.id);
  plan.pairs.push({ conversationId: conversation.id, a, b });
}
for (const size of GROUP_SIZES) {
  const group = await services.conversations.createGroup(ctx(0), `Bench group of ${size}`, members.slice(1, size).map((member) => member.id));
  plan.groups.push({ size, conversationId: group.id });
}
log(`${pairs} direct chats, groups of ${GROUP_SIZES.join(', ')}`);

writePlan(planFile, plan);
await closeQuietly(platform);

/** An active member as an accepted invitation leaves one: own data key, sealed name and work email. */
async function newMember(org: OrganisationRow, account: AccountRow, name: string, email: string): Promise<MemberRow> {
  const id = randomUUID();
  const keyId = await services.envelope.createKey('member', id);
  const sealed = await sealDetails(services.envelope, keyId, id, { name, workEmail: email, workPhone: null });
  const now = services.clock.now();
  return selfSuppliedMember(
    { id, org_id: org.id, account_id: account.id, key_id: keyId, role: 'member', name_enc: sealed.name_enc as Buffer, work_email_enc: sealed.work_email_enc ?? null, work_email_index: account.email_index, invited_at: now },
    now,
  );
}

async function closeQuietly(handle: Platform): Promise<void> {
  await sql`pragma synchronous = FULL`.execute(handle.database.db);
  await sql`pragma synchronous = FULL`.execute(handle.keystore.db);
  await handle.close();
}

function log(what: string): void {
  console.log(`seed: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
