import net from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';
import { createOrg } from '../../../test/org-fixtures.ts';
import { CONTACT_REQUESTS_PER_HOUR } from './contacts.service.ts';
import type { ContactsOverview } from '../../../common/contacts.ts';
import { RealtimeClient } from '../../../test/realtime-client.ts';

let t: TestPlatform;
let ann: TestSession;
let ben: TestSession;
let cai: TestSession;
let dee: TestSession;

const DAY = 24 * 60 * 60 * 1000;
const overview = async (session: TestSession) => {
  const response = await t.request({ method: 'GET', url: '/api/contacts', session });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ContactsOverview;
};
const ask = (session: TestSession, identifier: string) => t.request({ method: 'POST', url: '/api/contacts/requests', payload: { identifier }, session });
const answer = (session: TestSession, requestId: string, verdict: 'accept' | 'decline') => t.request({ method: 'POST', url: `/api/contacts/requests/${requestId}/${verdict}`, session });
/** `from` asks `to` (by their address) and `to` accepts; returns each one's id of the other. */
async function befriend(from: TestSession, fromAddress: string, to: TestSession, toAddress: string) {
  expect((await ask(from, toAddress)).statusCode).toBe(202);
  const request = (await overview(to)).incoming.find((entry) => entry.hint === maskOf(fromAddress));
  expect(request, `${toAddress} sees ${fromAddress}'s request`).toBeTruthy();
  const accepted = await answer(to, request!.id, 'accept');
  expect(accepted.statusCode, accepted.body).toBe(200);
  const fromSide = (await overview(from)).contacts.find((contact) => contact.id === accepted.json().contact.id);
  const toSide = (await overview(to)).contacts.find((contact) => contact.name === accepted.json().contact.name);
  return { spaceId: accepted.json().spaceId as string, toId: accepted.json().contact.id as string, fromSeenBy: toSide!, toSeenBy: fromSide };
}
const maskOf = (email: string) => `${email[0]}***${email.slice(email.indexOf('@'))}`;
const send = (session: TestSession, spaceId: string, conversationId: string, text: string) =>
  t.request({ method: 'POST', url: `/api/orgs/${spaceId}/conversations/${conversationId}/messages`, payload: { clientMessageId: `c-${Math.random()}`, text }, session });

beforeAll(async () => {
  t = await startTestPlatform();
  ann = await t.signIn('ann@contacts.example', { name: 'Ann An' });
  ben = await t.signIn('ben@contacts.example', { name: 'Ben Bo' });
  cai = await t.signIn('+8613700001234', { name: 'Cai Ce' });
  dee = await t.signIn('dee@contacts.example', { name: 'Dee Du' });
});

afterAll(async () => {
  await t?.close();
});

describe('contacts between individual accounts (P2.5)', () => {
  it('starts empty, with no contacts space until someone has a contact', async () => {
    expect(await overview(ann)).toEqual({ spaceId: null, myMemberId: null, contacts: [], incoming: [] });
  });

  it('answers a request the same whether or not anyone uses the number or address, and never lists it back to the requester', async () => {
    const nobody = await ask(ann, 'nobody@contacts.example');
    const somebody = await ask(ann, 'ben@contacts.example');
    expect([nobody.statusCode, somebody.statusCode]).toEqual([202, 202]);
    expect(nobody.body).toBe(somebody.body);
    // asking again changes nothing, and says the same
    expect((await ask(ann, 'BEN@contacts.example ')).body).toBe(somebody.body);
    expect(await overview(ann)).toEqual({ spaceId: null, myMemberId: null, contacts: [], incoming: [] });
    const bens = await overview(ben);
    expect(bens.incoming).toHaveLength(1);
    expect(bens.incoming[0]).toMatchObject({ name: 'Ann An', hint: 'a***@contacts.example' });
    expect(JSON.stringify(bens)).not.toContain('ann@contacts.example');
  });

  it('makes both contacts when the request is accepted, each seeing the other by name', async () => {
    const [request] = (await overview(ben)).incoming;
    const accepted = await answer(ben, request!.id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().contact.name).toBe('Ann An');
    const anns = await overview(ann);
    const bens = await overview(ben);
    expect(anns.spaceId).toBeTruthy();
    expect(anns.spaceId).toBe(bens.spaceId);
    // each knows who they are in the space's chats: the other sees that id as their contact's
    expect(anns.myMemberId).toBe(bens.contacts[0]!.id);
    expect(bens.myMemberId).toBe(anns.contacts[0]!.id);
    expect(anns.contacts.map((contact) => contact.name)).toEqual(['Ben Bo']);
    expect(bens.contacts.map((contact) => contact.name)).toEqual(['Ann An']);
    expect(bens.incoming).toEqual([]);
    // answering the same request twice finds nothing to answer
    expect((await answer(ben, request!.id, 'accept')).json().error.code).toBe('contact_request_not_found');
  });

  it('lets a request by mobile number through, and shows it masked', async () => {
    expect((await ask(dee, '+86 137-0000-1234')).statusCode).toBe(202);
    const cais = await overview(cai);
    expect(cais.incoming).toEqual([expect.objectContaining({ name: 'Dee Du', hint: 'd***@contacts.example' })]);
    expect((await ask(cai, 'dee@contacts.example')).statusCode).toBe(202);
    // Dee had asked first, so Cai's request makes them contacts at once
    expect((await overview(cai)).contacts.map((contact) => contact.name)).toEqual(['Dee Du']);
    expect((await overview(dee)).contacts.map((contact) => contact.name)).toEqual(['Cai Ce']);
    expect((await overview(cai)).incoming).toEqual([]);
  });

  it('does not tell the requester of a decline, and asking again after one changes nothing', async () => {
    expect((await ask(cai, 'ann@contacts.example')).statusCode).toBe(202);
    const request = (await overview(ann)).incoming.find((entry) => entry.name === 'Cai Ce');
    expect((await answer(ann, request!.id, 'decline')).statusCode).toBe(204);
    expect((await overview(ann)).incoming).toEqual([]);
    const again = await ask(cai, 'ann@contacts.example');
    expect(again.statusCode).toBe(202);
    expect((await overview(ann)).incoming).toEqual([]);
    expect((await overview(cai)).contacts.map((contact) => contact.name)).toEqual(['Dee Du']);
  });

  it('refuses bad input with a clear error', async () => {
    const invalid = await ask(ann, 'not a number');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('invalid_identifier');
    const own = await ask(ann, 'ann@contacts.example');
    expect(own.statusCode).toBe(400);
    expect(own.json().error.code).toBe('own_identifier');
    expect((await t.request({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: 'x'.repeat(301) }, session: ann })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/contacts/requests', payload: {}, session: ann })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: 'ben@contacts.example', extra: 1 }, session: ann })).statusCode).toBe(400);
    expect((await answer(ann, 'not-a-uuid', 'accept')).statusCode).toBe(400);
    expect((await answer(ann, '00000000-0000-4000-8000-000000000000', 'decline')).json().error.code).toBe('contact_request_not_found');
    expect((await t.request({ method: 'DELETE', url: '/api/contacts/00000000-0000-4000-8000-000000000000', session: ann })).json().error.code).toBe('contact_not_found');
    expect((await t.request({ method: 'GET', url: '/api/contacts' })).statusCode).toBe(401);
  });

  it('does not let one answer another person’s request', async () => {
    expect((await ask(dee, 'ben@contacts.example')).statusCode).toBe(202);
    const request = (await overview(ben)).incoming.find((entry) => entry.name === 'Dee Du');
    expect((await answer(ann, request!.id, 'accept')).json().error.code).toBe('contact_request_not_found');
    expect((await answer(dee, request!.id, 'accept')).json().error.code).toBe('contact_request_not_found');
    expect((await overview(ben)).incoming.map((entry) => entry.name)).toEqual(['Dee Du']);
  });

  it('tells the person asked live, and the requester only once they are contacts', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as net.AddressInfo;
    const eve = await t.signIn('eve@contacts.example', { name: 'Eve Ey' });
    const bensSocket = await RealtimeClient.open(`ws://127.0.0.1:${port}/api/realtime`, { cookie: ben.cookie });
    const evesSocket = await RealtimeClient.open(`ws://127.0.0.1:${port}/api/realtime`, { cookie: eve.cookie });
    try {
      const changed = (frame: { type: string }) => frame.type === 'contacts_changed';
      expect((await ask(eve, 'ben@contacts.example')).statusCode).toBe(202);
      await bensSocket.next(changed);
      const request = (await overview(ben)).incoming.find((entry) => entry.name === 'Eve Ey')!;
      // the request told Eve's devices nothing (it was delivered in the same turn as Ben's)
      expect(evesSocket.received.filter(changed)).toEqual([]);
      expect((await answer(ben, request.id, 'accept')).statusCode).toBe(200);
      await evesSocket.next(changed);
      expect((await overview(eve)).contacts.map((contact) => contact.name)).toEqual(['Ben Bo']);
      expect((await t.request({ method: 'DELETE', url: `/api/contacts/${(await overview(eve)).contacts[0]!.id}`, session: eve })).statusCode).toBe(204);
      await bensSocket.next(changed);
    } finally {
      bensSocket.close();
      evesSocket.close();
    }
  });

  it('keeps children under 14 out of contacts: they cannot ask, and a request to one looks like one to nobody (P11)', async () => {
    const childEmail = 'kid@contacts.example';
    t.clock.advance(61_000);
    const sent = await t.request({ method: 'POST', url: '/api/auth/code', payload: { identifier: childEmail } });
    const birthDate = `${new Date(t.clock.now()).getUTCFullYear() - 10}-01-01`;
    const verified = await t.request({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { challengeId: sent.json().challengeId, code: latestCode(t.platform, childEmail), name: 'Kid Ko', birthDate, guardianIdentifier: 'parent@contacts.example' },
    });
    expect(verified.statusCode, verified.body).toBe(202);
    const message = t.platform.services.outbox!.latestFor('parent@contacts.example')!;
    const consentId = /\/guardian\/([0-9a-f-]{36})/.exec(message.text)![1]!;
    const approved = await t.request({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code: message.code, decision: 'approve' } });
    expect(approved.statusCode, approved.body).toBe(200);
    t.clock.advance(61_000);
    const kid = await t.signIn(childEmail);

    const fromKid = await ask(kid, 'ben@contacts.example');
    expect(fromKid.statusCode).toBe(403);
    expect(fromKid.json().error.code).toBe('contacts_not_for_children');
    const toKid = await ask(ann, childEmail);
    const toNobody = await ask(ann, 'nobody-at-all@contacts.example');
    expect(toKid.statusCode).toBe(202);
    expect(toKid.body).toBe(toNobody.body);
    expect((await overview(kid)).incoming).toEqual([]);
    expect(await t.services.db.selectFrom('contact').select('id').where('owner_account_id', '=', kid.accountId).execute()).toEqual([]);
  });

  it('limits how many requests one person sends in an hour', async () => {
    const probe = await t.signIn('probe@contacts.example', { name: 'Probe' });
    for (let index = 0; index < CONTACT_REQUESTS_PER_HOUR; index += 1) expect((await ask(probe, `guess${index}@contacts.example`)).statusCode).toBe(202);
    const limited = await ask(probe, 'ben@contacts.example');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await overview(ben)).incoming.map((entry) => entry.name)).not.toContain('Probe');
  });
});

describe('chats between contacts (#4)', () => {
  let spaceId: string;
  let benOfAnn: string;
  let annOfBen: string;
  let chat: string;

  beforeAll(async () => {
    const anns = await overview(ann);
    spaceId = anns.spaceId!;
    benOfAnn = anns.contacts.find((contact) => contact.name === 'Ben Bo')!.id;
    annOfBen = (await overview(ben)).contacts.find((contact) => contact.name === 'Ann An')!.id;
  });

  it('opens one direct chat between two contacts, whoever opens it', async () => {
    const opened = await t.request({ method: 'POST', url: `/api/contacts/${benOfAnn}/chat`, session: ann });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().spaceId).toBe(spaceId);
    chat = opened.json().conversation.id;
    expect(opened.json().conversation).toMatchObject({ kind: 'direct', closed: false, peer: { name: 'Ben Bo' } });
    const again = await t.request({ method: 'POST', url: `/api/contacts/${annOfBen}/chat`, session: ben });
    expect(again.statusCode).toBe(200);
    expect(again.json().conversation.id).toBe(chat);
  });

  it('carries messages both ways, sealed at rest like every chat', async () => {
    expect((await send(ann, spaceId, chat, 'contact canary 7Q2')).statusCode).toBe(201);
    expect((await send(ben, spaceId, chat, 'hello Ann')).statusCode).toBe(201);
    const history = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}/messages`, session: ben });
    expect(history.json().messages.map((message: { text: string }) => message.text)).toEqual(['contact canary 7Q2', 'hello Ann']);
    const rows = await t.services.db.selectFrom('message').select('body_enc').where('conversation_id', '=', chat).execute();
    expect(rows.every((row) => !row.body_enc || !row.body_enc.toString('latin1').includes('canary'))).toBe(true);
    expect((await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/message-search?q=canary`, session: ben })).json().messages).toHaveLength(1);
  });

  it('shows a contact’s new name in the chat as soon as they rename their account', async () => {
    expect((await t.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Ben Renamed' }, session: ben })).statusCode).toBe(200);
    const seen = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}`, session: ann });
    expect(seen.json().conversation.peer.name).toBe('Ben Renamed');
    expect((await overview(ann)).contacts.map((contact) => contact.name)).toEqual(['Ben Renamed']);
    expect((await t.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Ben Bo' }, session: ben })).statusCode).toBe(200);
  });

  it('is not an organisation: no directory, members, settings or listing of the space', async () => {
    for (const url of [`/api/orgs/${spaceId}`, `/api/orgs/${spaceId}/members`, `/api/orgs/${spaceId}/departments`, `/api/orgs/${spaceId}/audit-events`, `/api/orgs/${spaceId}/me`, `/api/orgs/${spaceId}/invitations`, `/api/orgs/${spaceId}/corrections`]) {
      const response = await t.request({ method: 'GET', url, session: ann });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('org_not_found');
    }
    const mine = await t.request({ method: 'GET', url: '/api/orgs', session: ann });
    expect(JSON.stringify(mine.json())).not.toContain(spaceId);
  });

  it('lets one start a chat only with contacts, and keeps others’ chats out of reach', async () => {
    const deeSide = await overview(dee);
    const caiOfDee = deeSide.contacts[0]!.id;
    // Ann is not Cai's contact: not a direct chat, not a group, not an added member
    expect((await t.request({ method: 'POST', url: `/api/contacts/${caiOfDee}/chat`, session: ann })).json().error.code).toBe('contact_not_found');
    const direct = await t.request({ method: 'POST', url: `/api/orgs/${spaceId}/conversations`, payload: { kind: 'direct', memberId: caiOfDee }, session: ann });
    expect(direct.statusCode).toBe(404);
    expect(direct.json().error.code).toBe('contact_not_found');
    const group = await t.request({ method: 'POST', url: `/api/orgs/${spaceId}/conversations`, payload: { kind: 'group', name: 'Trip', memberIds: [benOfAnn, caiOfDee] }, session: ann });
    expect(group.json().error.code).toBe('contact_not_found');
    const fine = await t.request({ method: 'POST', url: `/api/orgs/${spaceId}/conversations`, payload: { kind: 'group', name: 'Trip', memberIds: [benOfAnn] }, session: ann });
    expect(fine.statusCode, fine.body).toBe(201);
    const add = await t.request({ method: 'POST', url: `/api/orgs/${spaceId}/conversations/${fine.json().conversation.id}/members`, payload: { memberIds: [caiOfDee] }, session: ann });
    expect(add.json().error.code).toBe('contact_not_found');
    // someone with no place in the space cannot enter it at all
    const outsider = await t.signIn('outsider@contacts.example', { name: 'Out Sider' });
    const outside = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}/messages`, session: outsider });
    expect(outside.statusCode).toBe(404);
    // Dee has a place, but not in Ann and Ben's chat
    const notHers = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}/messages`, session: dee });
    expect(notHers.json().error.code).toBe('conversation_not_found');
  });

  it('closes the direct chat for new messages when either removes the other, and reopens it when they are contacts again', async () => {
    expect((await t.request({ method: 'DELETE', url: `/api/contacts/${annOfBen}`, session: ben })).statusCode).toBe(204);
    expect((await overview(ann)).contacts).toEqual([]);
    expect((await overview(ben)).contacts).toEqual([]);
    const refused = await send(ann, spaceId, chat, 'are you there?');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conversation_closed');
    const kept = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}`, session: ann });
    expect(kept.json().conversation.closed).toBe(true);
    const history = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}/messages`, session: ann });
    expect(history.json().messages).toHaveLength(2);
    expect((await t.request({ method: 'DELETE', url: `/api/contacts/${annOfBen}`, session: ben })).json().error.code).toBe('contact_not_found');

    const again = await befriend(ann, 'ann@contacts.example', ben, 'ben@contacts.example');
    expect(again.spaceId).toBe(spaceId);
    expect((await send(ann, spaceId, chat, 'back again')).statusCode).toBe(201);
    const reopened = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat}`, session: ben });
    expect(reopened.json().conversation.closed).toBe(false);
  });

  it('keeps the space out of an organisation’s first-run checks: a company organisation is still created normally', async () => {
    const orgId = await createOrg(t, ann, 'Ann’s Locks');
    const mine = await t.request({ method: 'GET', url: '/api/orgs', session: ann });
    expect(JSON.stringify(mine.json())).toContain(orgId);
    expect(JSON.stringify(mine.json())).not.toContain(spaceId);
  });
});

describe('contacts and the person’s rights (P8)', () => {
  it('puts one’s contacts and requests in one’s export', async () => {
    const files = unzipSync(new Uint8Array(await t.services.personalData.archive(ben.accountId)));
    const contacts = files['data/user.friends.json'];
    expect(contacts, Object.keys(files).join(', ')).toBeTruthy();
    const records = JSON.parse(strFromU8(contacts!)) as Array<{ table: string; fields: Record<string, unknown> }>;
    expect(records.filter((record) => record.table === 'contact').map((record) => record.fields.state).sort()).toEqual(['contact', 'incoming']);
  });

  it('drops pending requests after 30 days and keeps contacts', async () => {
    const pendingBefore = await t.services.db.selectFrom('contact').select('id').where('state', '!=', 'contact').execute();
    expect(pendingBefore.length).toBeGreaterThan(0);
    t.clock.advance(31 * DAY);
    await t.services.retention.run({ dryRun: false });
    // sign-ins end after at most 15 days
    ann = await t.signIn('ann@contacts.example');
    ben = await t.signIn('ben@contacts.example');
    expect(await t.services.db.selectFrom('contact').select('id').where('state', '!=', 'contact').execute()).toEqual([]);
    expect((await overview(ann)).contacts.map((contact) => contact.name)).toEqual(['Ben Bo']);
  });

  it('removes an erased person from their contacts’ lists, and their messages read as erased', async () => {
    const spaceId = (await overview(ann)).spaceId!;
    const [chat] = (await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations`, session: ben })).json().conversations.filter((c: { kind: string }) => c.kind === 'direct');
    await t.services.erasure.erase(ann.accountId);
    expect((await overview(ben)).contacts).toEqual([]);
    const history = await t.request({ method: 'GET', url: `/api/orgs/${spaceId}/conversations/${chat.id}/messages`, session: ben });
    const texts = history.json().messages.map((message: { text: string | null; state: string }) => [message.text, message.state]);
    expect(texts).toContainEqual([null, 'erased']);
    expect(texts).toContainEqual(['hello Ann', 'live']);
    expect(await t.services.db.selectFrom('contact').select('id').where('owner_account_id', '=', ann.accountId).execute()).toEqual([]);
  });
});

describe('contact requests sent at once (P2.5)', () => {
  it('lets exactly the hour’s requests through of more sent at once, whether or not anyone uses the numbers', async () => {
    const session = await t.signIn('crowd.asker@contacts.example', { name: 'Crowd Asker' });
    const account = (await t.services.accounts.byId(session.accountId))!;
    // one of them is someone's: that makes no difference to the count
    const targets = ['+8613700001234', ...Array.from({ length: CONTACT_REQUESTS_PER_HOUR + 9 }, (_, n) => `crowd${n}@contacts.example`)];
    // the service is called directly, all at once: the statements interleave on SQLite as on PostgreSQL
    const results = await Promise.allSettled(targets.map((target) => t.services.contacts.request(account, target)));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.length - refused.length).toBe(CONTACT_REQUESTS_PER_HOUR);
    expect(refused.map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(Array.from({ length: 10 }, () => 'rate_limited'));
    const limited = await ask(session, 'one.more@contacts.example');
    expect(limited.statusCode).toBe(429);
  });
});
