/**
 * One's own lost access, driven by /api/openapi.json like the tenant isolation suite and on the
 * same world (isolation/world.ts):
 * 1. every operation of an organisation, called by a member who was removed from it, answers
 *    exactly as it does for someone who never was a member; every operation of a chat, called by
 *    a member removed from the chat or who left it, answers exactly as for a colleague never in it;
 * 2. every operation that needs a session, called with a session that was signed out, ended from
 *    the security page, or belongs to an account that was cancelled, disabled or erased, answers
 *    exactly as without any session (401);
 * 3. every operation of an organisation whose `x-org-action` the policy (org.policy.ts) refuses to
 *    an ordinary member answers them 403 `forbidden`.
 * None of these refused calls may change a single stored row or file. An operation the suite
 * cannot call properly (no example, no fixture, no `x-org-action`) fails it, naming the operation.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allow, type OrgAction } from '../server/modules/org/org.policy.ts';
import { latestCode, startTestPlatform, type TestSession } from './harness.ts';
import { addMember } from './org-fixtures.ts';
import { examples, kindOf, type Kind } from './isolation/catalogue.ts';
import { changesBetween, snapshotDatabase, type DatabaseSnapshot } from './isolation/database-snapshot.ts';
import { operationsOf, paramKey, type Operation } from './isolation/openapi.ts';
import { answerOf, errorCode, requestFor, sameAnswer, short, type Answer, type Values } from './isolation/requests.ts';
import { buildWorld, type Seat, type World } from './isolation/world.ts';

const t = await startTestPlatform({ OTP_IP_REQUESTS_PER_HOUR: '1000' });
const operations = operationsOf((await t.request({ method: 'GET', url: '/api/openapi.json' })).json());
const orgOperations = operations.filter((operation) => operation.path.startsWith('/api/orgs/{orgId}'));
const chatOperations = orgOperations.filter((operation) => operation.path.includes('{conversationId}'));

/** The chat a few of B's people lost, and what they left in it. */
interface LostChat {
  conversationId: string;
  messageId: string;
  attachmentId: string;
  /** a member still in it */
  remainingMemberId: string;
}

let world: World;
let lost: LostChat;
let outsider: TestSession;
/** removed from organisation B, sessions still open */
let removed: Seat;
let removedCorrectionId: string;
/** removed from the lost chat by its admin */
let kicked: Seat;
/** left the lost chat */
let leaver: Seat;
/** a member of B who was never in the lost chat */
let bystander: Seat;
let endedSessions: Array<{ label: string; session: TestSession }>;

beforeAll(async () => {
  world = await buildWorld(t);
  const { bOrgId } = world;
  const admin = world.b.admin.session;
  const ok = async (options: Parameters<typeof t.request>[0], status: number) => {
    const response = await t.request(options);
    expect(response.statusCode, `${options.method} ${options.url}: ${response.body}`).toBe(status);
    return response;
  };
  outsider = await t.signIn('lost-outsider@nowhere-lost.example', { name: 'Lost Outsider Otto' });
  removed = await addMember(t, admin, bOrgId, 'beta-removed@beta-lost.example', { name: 'Beta Removed Rui' });
  kicked = await addMember(t, admin, bOrgId, 'beta-kicked@beta-lost.example', { name: 'Beta Kicked Kai' });
  leaver = await addMember(t, admin, bOrgId, 'beta-gone@beta-lost.example', { name: 'Beta Gone Gil' });
  bystander = await addMember(t, admin, bOrgId, 'beta-bystander@beta-lost.example', { name: 'Beta Bystander Bix' });

  // the lost chat: each of them wrote in it, the removed member sent a picture
  const conversationId = (
    await ok(
      { method: 'POST', url: `/api/orgs/${bOrgId}/conversations`, payload: { kind: 'group', name: 'Beta Lost Group', memberIds: [removed.memberId, kicked.memberId, leaver.memberId] }, session: admin },
      201,
    )
  ).json().conversation.id as string;
  const say = async (session: TestSession, text: string, attachmentIds: string[] = []) =>
    (await ok({ method: 'POST', url: `/api/orgs/${bOrgId}/conversations/${conversationId}/messages`, payload: { clientMessageId: randomUUID(), text, attachmentIds }, session }, 201)).json().message
      .id as string;
  const image = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 20, b: 20 } } }).png().toBuffer();
  const attachmentId = (
    await ok({ method: 'POST', url: `/api/orgs/${bOrgId}/conversations/${conversationId}/attachments?name=lost.png`, payload: image, headers: { 'content-type': 'image/png' }, session: removed.session }, 201)
  ).json().attachment.id as string;
  await say(removed.session, 'Beta lost probe picture', [attachmentId]);
  const messageId = await say(kicked.session, 'Beta lost probe message');
  await say(leaver.session, 'Beta lost probe farewell');
  await ok({ method: 'PUT', url: `/api/orgs/${bOrgId}/conversations/${conversationId}/avatar`, payload: image, headers: { 'content-type': 'image/png' }, session: admin }, 200);
  lost = { conversationId, messageId, attachmentId, remainingMemberId: world.b.admin.memberId };
  removedCorrectionId = (await ok({ method: 'POST', url: `/api/orgs/${bOrgId}/corrections`, payload: { field: 'position', proposedValue: 'Beta Lost Position' }, session: removed.session }, 201)).json()
    .correction.id as string;

  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/conversations/${conversationId}/members/${kicked.memberId}`, session: admin }, 204);
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/conversations/${conversationId}/members/${leaver.memberId}`, session: leaver.session }, 204);
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/members/${removed.memberId}`, session: admin }, 204);

  // sessions that ended, each of a member of B (so that the session alone stands in the way)
  const endedMember = async (email: string) => (await addMember(t, admin, bOrgId, email)).session;
  const signedOut = await endedMember('beta-signed-out@beta-lost.example');
  await ok({ method: 'POST', url: '/api/auth/sign-out', session: signedOut }, 204);
  const endedElsewhere = await endedMember('beta-ended@beta-lost.example');
  const otherDevice = await t.signIn('beta-ended@beta-lost.example', { headers: { 'x-device-id': 'lost-phone-0001' } });
  const sessions = (await ok({ method: 'GET', url: '/api/sessions', session: otherDevice }, 200)).json().sessions as Array<{ id: string; current: boolean }>;
  for (const session of sessions.filter((one) => !one.current)) await ok({ method: 'DELETE', url: `/api/sessions/${session.id}`, session: otherDevice }, 204);
  const cancelled = await endedMember('beta-cancelled@beta-lost.example');
  t.clock.advance(61_000);
  const client = { ip: '127.0.0.1', userAgent: 'lost-access', deviceId: null, timeZone: null, language: null };
  const sent = await t.services.signIn.requestCode('beta-cancelled@beta-lost.example', 'en', client);
  const proof = { challengeId: sent.challengeId, code: latestCode(t.platform, 'beta-cancelled@beta-lost.example'), bindingSecret: sent.bindingSecret };
  await t.services.cancellation.cancel((await t.services.accounts.byId(cancelled.accountId))!, proof, client);
  const disabled = await endedMember('beta-disabled@beta-lost.example');
  await t.services.accounts.disable((await t.services.accounts.byId(disabled.accountId))!);
  const erased = await endedMember('beta-erased@beta-lost.example');
  await t.services.erasure.erase(erased.accountId);
  endedSessions = [
    { label: 'signed out', session: signedOut },
    { label: 'ended from another device’s security page', session: endedElsewhere },
    { label: 'of a cancelled account', session: cancelled },
    { label: 'of a disabled account', session: disabled },
    { label: 'of an erased account', session: erased },
  ];

  // every caller's own session is touched on first use after the clock moved: do it now, so
  // that the snapshots below see only what the operations themselves write
  for (const session of [outsider, removed.session, kicked.session, leaver.session, bystander.session, world.b.member.session]) {
    await ok({ method: 'GET', url: '/api/me', session }, 200);
  }
});

afterAll(async () => {
  await t.close();
});

const kindOfParam = (operation: Operation, name: string): Kind | undefined => {
  const param = operation.idParams.find((p) => p.name === name);
  return param ? kindOf(param, operation.path) : undefined;
};

/** What keeps an operation from being called as it should be; each problem names what to add. */
function coverageProblems(operation: Operation): string[] {
  const problems: string[] = [];
  const example = examples[operation.key];
  if (operation.hasBody && !example?.json && !example?.raw) problems.push(`${operation.key}: no example body in isolation/catalogue.ts`);
  for (const param of operation.params.filter((p) => !operation.idParams.includes(p) && p.required && p.in !== 'body')) {
    if (example?.params?.[param.name] === undefined) problems.push(`${operation.key}: no example value for ${paramKey(param)}`);
  }
  for (const param of operation.idParams) {
    if (!kindOf(param, operation.path)) problems.push(`${operation.key}: no fixture kind for ${paramKey(param)} (add a rule in isolation/catalogue.ts)`);
  }
  return problems;
}

/**
 * Ids for a request: B's live objects, B's open invitation where an invitation is meant, then
 * `overrides` by kind, the lost chat's for a chat's operations (`chat`). An id the world has no live object of is someone else's: the check comes
 * before the lookup, or the reference call answers alike.
 */
function valuesFor(operation: Operation, options: { chat?: boolean; overrides?: Partial<Record<Kind, string>> } = {}): Values {
  const chatIds: Partial<Record<Kind, string>> = options.chat
    ? { conversation: lost.conversationId, message: lost.messageId, attachment: lost.attachmentId, ...(operation.path.includes('/conversations/') ? { member: lost.remainingMemberId } : {}) }
    : {};
  const invitation: Partial<Record<Kind, string>> = operation.path.startsWith('/api/orgs/{orgId}/invitations/') ? { member: world.b.invitationId } : {};
  return Object.fromEntries(
    operation.idParams.map((param) => {
      const kind = kindOf(param, operation.path)!;
      const values = world.kinds[kind];
      const id = invitation[kind] ?? options.overrides?.[kind] ?? chatIds[kind] ?? values.valid ?? values.foreign[0]?.id ?? values.deleted[0]?.id ?? randomUUID();
      return [paramKey(param), id];
    }),
  );
}

let requestCount = 0;
async function call(operation: Operation, values: Values, session: TestSession | undefined): Promise<Answer> {
  requestCount++;
  return answerOf(await t.request({ ...requestFor(operation, values), session }));
}

/** Runs `check` on each operation between two snapshots of everything stored. */
function describeGroup(name: string, group: Operation[], check: (operation: Operation) => Promise<string[]>, summary: () => string, prepare?: () => Promise<void>) {
  describe(name, () => {
    const covered = new Set<string>();
    let before: DatabaseSnapshot;
    beforeAll(async () => {
      await prepare?.();
      before = await snapshotDatabase(t);
    });
    for (const operation of group) {
      it(operation.key, async () => {
        const problems = coverageProblems(operation);
        expect(problems, `not covered:\n${problems.join('\n')}`).toEqual([]);
        const failures = await check(operation);
        covered.add(operation.key);
        expect(failures, `${operation.key}:\n${failures.join('\n')}`).toEqual([]);
      });
    }
    it('covered every operation of the group, and changed nothing stored', async () => {
      console.log(`lost access, ${name}: ${covered.size} of ${group.length} operations covered; ${summary()}`);
      expect(group.length).toBeGreaterThan(0);
      expect(group.filter((operation) => !covered.has(operation.key)).map((operation) => operation.key), 'operations not covered').toEqual([]);
      expect(changesBetween(before, await snapshotDatabase(t)), 'refused calls changed what is stored').toEqual([]);
    });
  });
}

// 1. A member removed from the organisation is a stranger to it
describeGroup(
  'a member removed from the organisation, on its every operation',
  orgOperations,
  async (operation) => {
    const chat = operation.path.includes('{conversationId}');
    const values = valuesFor(operation, { chat, overrides: { correction: removedCorrectionId } });
    const stranger = await call(operation, values, outsider);
    if (stranger.status !== 404 || errorCode(stranger) !== 'org_not_found') {
      return [`someone who never was a member gets ${short(stranger)}, not "no such organisation": the request never reached the gate (fix the example)`];
    }
    const answer = await call(operation, values, removed.session);
    return sameAnswer(answer, stranger) ? [] : [`the removed member gets ${short(answer)}\n    but someone who never was a member gets ${short(stranger)}`];
  },
  () => 'each answered as to someone who never was a member',
);

// ... and one removed from a chat, or who left it, is a stranger to the chat
describeGroup(
  'a member removed from a chat, or who left it, on its every operation',
  chatOperations,
  async (operation) => {
    const values = valuesFor(operation, { chat: true });
    const stranger = await call(operation, values, bystander.session);
    if (stranger.status !== 404 || errorCode(stranger) !== 'conversation_not_found') {
      return [`a colleague never in the chat gets ${short(stranger)}, not "no such chat": the request never reached the chat (fix the example)`];
    }
    const failures: string[] = [];
    for (const [label, seat] of [['removed from the chat', kicked], ['who left the chat', leaver]] as const) {
      const answer = await call(operation, values, seat.session);
      if (!sameAnswer(answer, stranger)) failures.push(`a member ${label} gets ${short(answer)}\n    but a colleague never in it gets ${short(stranger)}`);
    }
    return failures;
  },
  () => 'each answered as to a colleague never in the chat, for the member removed and the one who left',
);

// ... nor do the chat list and the search show the chat to them any more
const chatListings = orgOperations.filter((operation) => operation.method === 'GET' && /\/(conversations|message-search)$/.test(operation.path));
describe('a member removed from a chat, or who left it, on the chat list and the search', () => {
  it('shows them nothing of it', async () => {
    expect(chatListings.map((operation) => operation.key).sort()).toEqual(['GET /api/orgs/{orgId}/conversations', 'GET /api/orgs/{orgId}/message-search']);
    const failures: string[] = [];
    for (const operation of chatListings) {
      const values = valuesFor(operation);
      // the control: whoever is still in the chat finds it ("probe" is in every message of it)
      const member = await call(operation, values, world.b.admin.session);
      if (member.status !== 200 || !member.body.includes(lost.conversationId)) failures.push(`${operation.key}: a member still in the chat does not find it: ${short(member)}`);
      const stranger = await call(operation, values, bystander.session);
      for (const [label, seat] of [['removed from the chat', kicked], ['who left the chat', leaver]] as const) {
        const answer = await call(operation, values, seat.session);
        if (!sameAnswer(answer, stranger)) failures.push(`${operation.key}: a member ${label} gets ${short(answer)}\n    but a colleague never in it gets ${short(stranger)}`);
      }
    }
    console.log(`lost access: ${chatListings.length} chat lists show the member removed from a chat and the one who left it what a colleague never in it sees`);
    expect(failures).toEqual([]);
  });
});

// 2. An ended session is no session
const withoutSession = new Map<string, Answer>();
const openWithoutSession: string[] = [];
describeGroup(
  'an ended session, on every operation',
  operations,
  async (operation) => {
    const values = valuesFor(operation);
    const anonymous = withoutSession.get(operation.key)!;
    if (anonymous.status !== 401) {
      if (errorCode(anonymous) === 'invalid_request') return [`without a session: ${short(anonymous)}: the request is not valid, so it cannot tell whether it needs one (fix the example)`];
      openWithoutSession.push(operation.key);
      // open to anyone: an ended session must make no difference either, checked where asking twice changes nothing
      if (operation.method !== 'GET') return [];
    } else if (errorCode(anonymous) !== 'not_signed_in') {
      return [`without a session: ${short(anonymous)}, not "sign in to continue"`];
    }
    const failures: string[] = [];
    for (const { label, session } of endedSessions) {
      const answer = await call(operation, values, session);
      if (!sameAnswer(answer, anonymous)) failures.push(`a session ${label} gets ${short(answer)}\n    but no session at all gets ${short(anonymous)}`);
    }
    return failures;
  },
  () =>
    `${operations.length - openWithoutSession.length} need a session and answered ${endedSessions.length} kinds of ended session 401 as to no session; open without one (ended sessions tried on reads): ${openWithoutSession.join(', ')}`,
  // the calls without a session come first, before the snapshot: the operations open to anyone
  // (asking for a code, reporting a crash) may write, as they would for anyone
  async () => {
    for (const operation of operations.filter((one) => coverageProblems(one).length === 0)) withoutSession.set(operation.key, await call(operation, valuesFor(operation), undefined));
  },
);

// 3. What the policy keeps for admins is refused to an ordinary member
/** Every action of the policy (the compiler keeps this complete) */
const policyActions: Record<OrgAction, true> = {
  'directory.read': true,
  'settings.change': true,
  'member.invite': true,
  'member.update': true,
  'member.remove': true,
  'member.grantAdmin': true,
  'department.manage': true,
  'correction.decide': true,
  'audit.read': true,
  'contact.revealAny': true,
};
const actionOf = (operation: Operation) => operation.orgAction as OrgAction | 'membership' | undefined;
const adminOnly = (operation: Operation) => {
  const action = actionOf(operation);
  return action !== undefined && action !== 'membership' && !allow({ role: 'member' }, action);
};
const refusedCount = orgOperations.filter(adminOnly).length;
describeGroup(
  'an ordinary member, on every operation of the organisation the policy keeps for admins',
  orgOperations,
  async (operation) => {
    const action = actionOf(operation);
    if (action === undefined) return [`no x-org-action: the route does not say what the policy asks of its caller (add orgRoute(...) from org.policy.ts)`];
    if (action !== 'membership' && !Object.hasOwn(policyActions, action)) {
      return [`x-org-action ${action} is no action of org.policy.ts`];
    }
    if (!adminOnly(operation)) return [];
    // on a colleague: one's own record is one's own (one's own contact data, for one)
    const answer = await call(operation, valuesFor(operation, { overrides: { member: bystander.memberId } }), world.b.member.session);
    return answer.status === 403 && errorCode(answer) === 'forbidden' ? [] : [`an ordinary member gets ${short(answer)}, not 403 forbidden (${action} is not theirs)`];
  },
  () => `${refusedCount} kept for admins answered 403 forbidden, ${orgOperations.filter((operation) => operation.orgAction !== undefined && !adminOnly(operation)).length} open to members, ${orgOperations.filter((operation) => operation.orgAction === undefined).length} unmarked`,
);

// ... and what it leaves to members they can do: the markers are not simply "admins" everywhere
describe('an ordinary member, on the reads the policy leaves to members', () => {
  it('answers them', async () => {
    const failures: string[] = [];
    const reads = orgOperations.filter((operation) => operation.method === 'GET' && operation.orgAction !== undefined && !adminOnly(operation));
    for (const operation of reads) {
      const answer = await call(operation, valuesFor(operation), world.b.member.session);
      if (answer.status >= 300) failures.push(`${operation.key}: ${short(answer)}`);
    }
    console.log(`lost access: ${reads.length} reads open to members answered an ordinary member; ${requestCount} requests in all`);
    expect(failures, 'reads open to members refused to an ordinary member').toEqual([]);
  });
});

