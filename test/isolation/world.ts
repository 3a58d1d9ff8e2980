/**
 * The world the isolation suite attacks, built through the HTTP API as people would build it:
 * organisations A and B (owner, admin, member, a department with a sub-department, a pending
 * invitation, correction requests, a finished CSV import, hence an audit log), deleted objects in
 * B, an organisation C that B's owner was removed from, and a person outside any organisation
 * with sessions, a new-device notice and an avatar.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { expect } from 'vitest';
import { latestCode, sessionCookieOf, type TestPlatform, type TestSession } from '../harness.ts';
import { acceptInvitation, addMember, createDepartment, createOrg, invite } from '../org-fixtures.ts';
import type { Kind } from './catalogue.ts';

export interface Sample {
  label: string;
  id: string;
}

export interface KindValues {
  /** a live object of organisation B (or of B's owner) of this kind */
  valid?: string;
  /** A's object of this kind, used when the organisation itself is the id under test */
  aPrimary?: string;
  /** objects of organisation A, and of other people */
  foreign: Sample[];
  /** B's (or B's owner's) objects of this kind that were deleted, removed, withdrawn or ended */
  deleted: Sample[];
}

export interface Seat {
  session: TestSession;
  memberId: string;
}

export interface World {
  aOrgId: string;
  bOrgId: string;
  /** B's owner: the most privileged actor of B, so that a refusal is about isolation, not role */
  caller: TestSession;
  /** B's people, for the suites about lost access and roles; `invitationId` is B's open invitation */
  b: { owner: Seat; admin: Seat; member: Seat; invitationId: string };
  kinds: Record<Kind, KindValues>;
  /** names, addresses, ids and texts of A, C and the outsider: none may appear in an answer to B */
  foreignSecrets: string[];
  /** everything B's requests could have changed in A and in other people's records */
  snapshotA(): Promise<unknown>;
  /** other people's security logs (a write there is a write into their records too) */
  snapshotSecurityLogs(): Promise<unknown>;
}

const laptop = { 'x-device-id': 'iso-laptop-0001' };
const phone = { 'x-device-id': 'iso-phone-0002' };
const MINUTE = 60_000;

const people = {
  aOwner: { email: 'alpha-owner@alpha-iso.example', name: 'Alpha Owner Aoife' },
  aAdmin: { email: 'alpha-admin@alpha-iso.example', name: 'Alpha Admin Ada' },
  aMember: { email: 'alpha-member@alpha-iso.example', name: 'Alpha Member Mo' },
  aInvitee: { email: 'alpha-invitee@alpha-iso.example', name: 'Alpha Invitee Ivo' },
  aImported: { email: 'alpha-imported@alpha-iso.example', name: 'Alpha Imported Imre' },
  bOwner: { email: 'beta-owner@beta-iso.example', name: 'Beta Owner Bea' },
  bAdmin: { email: 'beta-admin@beta-iso.example', name: 'Beta Admin Bo' },
  bMember: { email: 'beta-member@beta-iso.example', name: 'Beta Member Bram' },
  bLeaver: { email: 'beta-leaver@beta-iso.example', name: 'Beta Leaver Lou' },
  bWithdrawn: { email: 'beta-withdrawn@beta-iso.example', name: 'Beta Withdrawn Wim' },
  bInvitee: { email: 'beta-invitee@beta-iso.example', name: 'Beta Invitee Ines' },
  bImported: { email: 'beta-imported@beta-iso.example', name: 'Beta Imported Ivar' },
  cOwner: { email: 'gamma-owner@gamma-iso.example', name: 'Gamma Owner Gus' },
  outsider: { email: 'solo-outsider@solo-iso.example', name: 'Solo Outsider Olga' },
};
const orgNames = { a: 'Alpha Isolation Ltd', b: 'Beta Isolation Ltd', c: 'Gamma Isolation Ltd' };
const aTexts = ['Alpha secret file text', 'Alpha Secret Group', 'Alpha secret message text', 'Alpha secret direct text', 'Alpha Engineering', 'Alpha Platform', 'Alpha Secret Position', 'Alpha Secret Place', 'Alpha secret reason', 'Beta Owner at Alpha'];

export async function buildWorld(t: TestPlatform): Promise<World> {
  const ok = async (options: Parameters<TestPlatform['request']>[0], status: number) => {
    const response = await t.request(options);
    expect(response.statusCode, `${options.method} ${options.url}: ${response.body}`).toBe(status);
    return response;
  };
  const image = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
  const uploadAvatar = (session: TestSession) =>
    ok({ method: 'PUT', url: '/api/me/avatar', payload: image, headers: { 'content-type': 'image/png' }, session }, 200);
  const sessionIds = async (session: TestSession) =>
    ((await ok({ method: 'GET', url: '/api/sessions', session }, 200)).json().sessions as Array<{ id: string; current: boolean }>);
  const noticeIds = async (session: TestSession) => ((await ok({ method: 'GET', url: '/api/notices', session }, 200)).json().notices as Array<{ id: string }>).map((n) => n.id);
  /** asks for a code (after the resend cooldown) and returns the challenge and its code */
  const requestCode = async (identifier: string) => {
    t.clock.advance(61_000);
    const sent = await ok({ method: 'POST', url: '/api/auth/code', payload: { identifier } }, 202);
    return { challengeId: sent.json().challengeId as string, code: latestCode(t.platform, identifier) };
  };
  /** a challenge whose code is not the one the suite guesses ("000000") */
  const pendingChallenge = async (identifier: string) => {
    for (;;) {
      const challenge = await requestCode(identifier);
      if (challenge.code !== '000000') return challenge.challengeId;
    }
  };
  const correction = async (orgId: string, session: TestSession, field: string, proposedValue: string) =>
    (await ok({ method: 'POST', url: `/api/orgs/${orgId}/corrections`, payload: { field, proposedValue }, session }, 201)).json().correction.id as string;
  const importCsv = async (orgId: string, admin: TestSession, person: { email: string; name: string }) => {
    const started = await ok(
      {
        method: 'POST',
        url: `/api/orgs/${orgId}/invitation-imports?attestation=v1`,
        payload: `name,work_email\r\n${person.name},${person.email}\r\n`,
        headers: { 'content-type': 'text/csv' },
        session: admin,
      },
      202,
    );
    const importId = started.json().import.id as string;
    for (let attempt = 0; attempt < 200; attempt++) {
      const status = (await ok({ method: 'GET', url: `/api/orgs/${orgId}/invitation-imports/${importId}`, session: admin }, 200)).json().import;
      if (status.status !== 'running') {
        expect(status).toMatchObject({ status: 'finished', invited: 1 });
        // the import writes its last audit event just after it reports itself finished
        const events = (await ok({ method: 'GET', url: `/api/orgs/${orgId}/audit-events`, session: admin }, 200)).json().events as Array<{ action: string; targetId: string | null }>;
        if (events.some((event) => event.action === 'import.finished' && event.targetId === importId)) return importId;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the CSV import did not finish');
  };
  const invitationIdFor = async (orgId: string, admin: TestSession, name: string) =>
    ((await ok({ method: 'GET', url: `/api/orgs/${orgId}/invitations`, session: admin }, 200)).json().invitations as Array<{ id: string; name: string }>).find(
      (invitation) => invitation.name === name,
    )!.id;

  // Organisation A
  const aOwner = await t.signIn(people.aOwner.email, { name: people.aOwner.name, keepSignedIn: true, headers: laptop });
  const aOrgId = await createOrg(t, aOwner, orgNames.a);
  const aTop = await createDepartment(t, aOwner, aOrgId, 'Alpha Engineering');
  const aSub = await createDepartment(t, aOwner, aOrgId, 'Alpha Platform', aTop);
  const aAdmin = await addMember(t, aOwner, aOrgId, people.aAdmin.email, { name: people.aAdmin.name, role: 'admin', departmentId: aTop });
  const aMember = await addMember(t, aAdmin.session, aOrgId, people.aMember.email, { name: people.aMember.name, departmentId: aSub, supervisorId: aAdmin.memberId });
  const aInvitation = await invite(t, aAdmin.session, aOrgId, { name: people.aInvitee.name, workEmail: people.aInvitee.email, departmentId: aSub });
  const aPendingCorrection = await correction(aOrgId, aMember.session, 'position', 'Alpha Secret Position');
  const aRejectedCorrection = await correction(aOrgId, aMember.session, 'workLocation', 'Alpha Secret Place');
  await ok({ method: 'POST', url: `/api/orgs/${aOrgId}/corrections/${aRejectedCorrection}/reject`, payload: { reason: 'Alpha secret reason' }, session: aAdmin.session }, 200);
  const aImport = await importCsv(aOrgId, aAdmin.session, people.aImported);
  const aImportedInvitation = await invitationIdFor(aOrgId, aAdmin.session, people.aImported.name);
  await uploadAvatar(aOwner);
  await uploadAvatar(aMember.session);

  // Organisation B; its owner makes every request of the suite
  const bOwner = await t.signIn(people.bOwner.email, { name: people.bOwner.name, keepSignedIn: true, headers: laptop });
  const bOrgId = await createOrg(t, bOwner, orgNames.b);
  const bTop = await createDepartment(t, bOwner, bOrgId, 'Beta Engineering');
  const bSub = await createDepartment(t, bOwner, bOrgId, 'Beta Platform', bTop);
  const bAdmin = await addMember(t, bOwner, bOrgId, people.bAdmin.email, { name: people.bAdmin.name, role: 'admin', departmentId: bTop });
  const bMember = await addMember(t, bAdmin.session, bOrgId, people.bMember.email, { name: people.bMember.name, departmentId: bSub });
  const bInvitation = await invite(t, bAdmin.session, bOrgId, { name: people.bInvitee.name, workEmail: people.bInvitee.email });
  const bCorrection = await correction(bOrgId, bMember.session, 'position', 'Beta Proposed Position');
  const bImport = await importCsv(bOrgId, bAdmin.session, people.bImported);
  await uploadAvatar(bOwner);
  await uploadAvatar(bMember.session);
  // ... and B's deleted objects
  const bDeletedDepartment = await createDepartment(t, bOwner, bOrgId, 'Beta Doomed');
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/departments/${bDeletedDepartment}`, session: bOwner }, 204);
  const bLeaver = await addMember(t, bAdmin.session, bOrgId, people.bLeaver.email, { name: people.bLeaver.name });
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/members/${bLeaver.memberId}`, session: bAdmin.session }, 204);
  const bWithdrawn = await invite(t, bAdmin.session, bOrgId, { name: people.bWithdrawn.name, workEmail: people.bWithdrawn.email });
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/invitations/${bWithdrawn}`, session: bAdmin.session }, 204);
  // a second sign-in of B's owner, by hand to keep its (now used) challenge, then ended
  const secondSignIn = await requestCode(people.bOwner.email);
  const verified = await ok({ method: 'POST', url: '/api/auth/verify', payload: { challengeId: secondSignIn.challengeId, code: secondSignIn.code }, headers: laptop }, 200);
  const second: TestSession = { cookie: sessionCookieOf(verified), token: '', csrfToken: verified.json().csrfToken, accountId: bOwner.accountId, headers: laptop };
  const bEndedSession = (await sessionIds(second)).find((session) => session.current)!.id;
  await ok({ method: 'DELETE', url: `/api/sessions/${bEndedSession}`, session: bOwner }, 204);
  const bOwnerSession = (await sessionIds(bOwner)).find((session) => session.current)!.id;
  // a challenge of B's admin that will have expired
  const bExpiredChallenge = (await requestCode(people.bAdmin.email)).challengeId;

  // Invitations addressed to B's owner: one from A withdrawn, one from A declined, and one from C accepted then removed
  const aWithdrawnToB = await invite(t, aAdmin.session, aOrgId, { name: 'Beta Owner at Alpha', workEmail: people.bOwner.email });
  await ok({ method: 'DELETE', url: `/api/orgs/${aOrgId}/invitations/${aWithdrawnToB}`, session: aAdmin.session }, 204);
  const aDeclinedByB = await invite(t, aAdmin.session, aOrgId, { name: 'Beta Owner at Alpha', workEmail: people.bOwner.email });
  await ok({ method: 'POST', url: `/api/invitations/${aDeclinedByB}/decline`, session: bOwner }, 204);
  const cOwner = await t.signIn(people.cOwner.email, { name: people.cOwner.name, keepSignedIn: true });
  const cOrgId = await createOrg(t, cOwner, orgNames.c);
  const cMembershipOfB = await invite(t, cOwner, cOrgId, { name: 'Beta Owner at Gamma', workEmail: people.bOwner.email });
  await acceptInvitation(t, bOwner, cMembershipOfB);
  await ok({ method: 'DELETE', url: `/api/orgs/${cOrgId}/members/${cMembershipOfB}`, session: cOwner }, 204);

  // A person outside any organisation: two devices (hence a notice), an avatar
  const outsider = await t.signIn(people.outsider.email, { name: people.outsider.name, keepSignedIn: true, headers: laptop });
  await t.signIn(people.outsider.email, { headers: phone });
  await uploadAvatar(outsider);
  // A's owner signs in on a second device too
  await t.signIn(people.aOwner.email, { headers: phone });
  const aOwnerNotices = await noticeIds(aOwner);
  const outsiderNotices = await noticeIds(outsider);
  expect(aOwnerNotices).toHaveLength(1);
  expect(outsiderNotices).toHaveLength(1);
  const aOwnerSessions = (await sessionIds(aOwner)).map((session) => session.id);
  const outsiderSessions = (await sessionIds(outsider)).map((session) => session.id);

  // Challenges: let B's admin's expire, then leave open ones for A's owner and the outsider
  t.clock.advance(11 * MINUTE);
  const aOwnerChallenge = await pendingChallenge(people.aOwner.email);
  const outsiderChallenge = await pendingChallenge(people.outsider.email);

  /** a request about personal data, made through the service with a fresh code */
  const privacyRequest = async (session: TestSession, email: string) => {
    t.clock.advance(61_000);
    const account = (await t.services.accounts.byId(session.accountId))!;
    const client = { ip: '127.0.0.1', userAgent: 'isolation', deviceId: null, timeZone: null, language: null };
    const sent = await t.services.signIn.requestCode(email, 'en', client);
    const proof = { challengeId: sent.challengeId, code: latestCode(t.platform, email), bindingSecret: sent.bindingSecret };
    return (await t.services.privacyRequests.submit(account, { kind: 'access', details: 'Alpha secret reason' }, proof, client)).row.id;
  };
  /** a child under 14 whose guardian (by address) consented; answers the child's account id and the consent id */
  const childOf = async (childEmail: string, guardianEmail: string) => {
    const { challengeId, code } = await requestCode(childEmail);
    const birthDate = `${new Date(t.clock.now()).getUTCFullYear() - 10}-01-01`;
    await ok({ method: 'POST', url: '/api/auth/verify', payload: { challengeId, code, name: 'Alpha Secret Child', birthDate, guardianIdentifier: guardianEmail } }, 202);
    const message = t.platform.services.outbox!.latestFor(guardianEmail)!;
    const consentId = /\/guardian\/([0-9a-f-]{36})/.exec(message.text)![1]!;
    await ok({ method: 'POST', url: `/api/guardian-consents/${consentId}/decision`, payload: { code: message.code, decision: 'approve' } }, 200);
    const child = await t.services.accounts.findByIdentifier({ channel: 'email', value: childEmail });
    return { childId: child!.id, consentId };
  };
  const bPendingChallenge = await pendingChallenge(people.bAdmin.email);
  const aChild = await childOf('alpha-child@alpha-iso.example', people.aOwner.email);
  const bChild = await childOf('beta-child@beta-iso.example', people.bOwner.email);
  const bErasedChild = await childOf('beta-child-two@beta-iso.example', people.bOwner.email);

  /** a download of someone's data asked for by `requester`, prepared as the job would */
  const exportOf = async (requester: TestSession, subjectId: string) => {
    const asker = (await t.services.accounts.byId(requester.accountId))!;
    const row = await t.services.dataExports.request(asker, (await t.services.accounts.byId(subjectId))!);
    await t.services.dataExports.build(await t.platform.database.db.selectFrom('job').selectAll().where('id', '=', row.job_id).executeTakeFirstOrThrow());
    return row.id;
  };
  const aOwnerExport = await exportOf(aOwner, aOwner.accountId);
  const aChildExport = await exportOf(aOwner, aChild.childId);
  const outsiderExport = await exportOf(outsider, outsider.accountId);
  const bOwnerExport = await exportOf(bOwner, bOwner.accountId);
  const bErasedChildExport = await exportOf(bOwner, bErasedChild.childId);
  await t.services.erasure.erase(bErasedChild.childId);
  // one of B's owner's downloads whose link expired, deleted by retention
  const bExpiredExport = await exportOf(bOwner, bOwner.accountId);
  await t.platform.database.db.updateTable('data_export').set({ expires_at: t.clock.now() - 1 }).where('id', '=', bExpiredExport).execute();
  expect(await t.services.dataExports.removeExpired()).toBe(1);

  const aRequest = await privacyRequest(aOwner, people.aOwner.email);
  const bRequest = await privacyRequest(bOwner, people.bOwner.email);
  const bWithdrawnRequest = await privacyRequest(bOwner, people.bOwner.email);
  await t.services.privacyRequests.withdraw((await t.services.accounts.byId(bOwner.accountId))!, bWithdrawnRequest);

  // Chats: A's group and direct chat with messages; B's group with a message of its owner; a B group
  // its owner left (with a message of theirs) and one deleted when its last member left
  const chat = async (orgId: string, session: TestSession, body: Record<string, unknown>) =>
    (await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations`, payload: body, session }, 201)).json().conversation.id as string;
  const say = async (orgId: string, conversationId: string, session: TestSession, text: string) =>
    (await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${conversationId}/messages`, payload: { clientMessageId: randomUUID(), text }, session }, 201)).json().message.id as string;
  const bOwnerMemberId = (await ok({ method: 'GET', url: `/api/orgs/${bOrgId}`, session: bOwner }, 200)).json().organisation.myMemberId as string;
  const aGroup = await chat(aOrgId, aOwner, { kind: 'group', name: 'Alpha Secret Group', memberIds: [aMember.memberId] });
  const aDirect = await chat(aOrgId, aAdmin.session, { kind: 'direct', memberId: aMember.memberId });
  const aGroupMessage = await say(aOrgId, aGroup, aMember.session, 'Alpha secret message text');
  const aDirectMessage = await say(aOrgId, aDirect, aAdmin.session, 'Alpha secret direct text');
  const bGroup = await chat(bOrgId, bOwner, { kind: 'group', name: 'Beta Group', memberIds: [bMember.memberId] });
  const bMessage = await say(bOrgId, bGroup, bOwner, 'Beta message');
  const bLeftGroup = await chat(bOrgId, bAdmin.session, { kind: 'group', name: 'Beta Left Group', memberIds: [bOwnerMemberId] });
  const bLeftMessage = await say(bOrgId, bLeftGroup, bOwner, 'Beta message before leaving');
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/conversations/${bLeftGroup}/members/${bOwnerMemberId}`, session: bOwner }, 204);
  const attach = async (orgId: string, conversationId: string, session: TestSession, payload: string | Buffer, contentType = 'text/plain') => {
    const uploaded = await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${conversationId}/attachments?name=notes.txt`, payload, headers: { 'content-type': contentType }, session }, 201);
    const id = uploaded.json().attachment.id as string;
    await ok({ method: 'POST', url: `/api/orgs/${orgId}/conversations/${conversationId}/messages`, payload: { clientMessageId: randomUUID(), text: '', attachmentIds: [id] }, session }, 201);
    return id;
  };
  const aAttachment = await attach(aOrgId, aGroup, aMember.session, 'Alpha secret file text');
  // a picture, so that its preview answers too
  const bAttachment = await attach(bOrgId, bGroup, bOwner, image, 'image/png');
  // an upload in the group B's owner left
  const bLeftAttachment = (
    await ok({ method: 'POST', url: `/api/orgs/${bOrgId}/conversations/${bLeftGroup}/attachments?name=left.txt`, payload: 'left', headers: { 'content-type': 'text/plain' }, session: bAdmin.session }, 201)
  ).json().attachment.id as string;
  // pictures: A's group's is there to be asked for, B's group's answers the control, and the group
  // B's owner left keeps one they may no longer see
  for (const [orgId, conversationId, session] of [[aOrgId, aGroup, aOwner], [bOrgId, bGroup, bOwner], [bOrgId, bLeftGroup, bAdmin.session]] as const) {
    await ok({ method: 'PUT', url: `/api/orgs/${orgId}/conversations/${conversationId}/avatar`, payload: image, headers: { 'content-type': 'image/png' }, session }, 200);
  }
  const bGoneGroup = await chat(bOrgId, bOwner, { kind: 'group', name: 'Beta Gone Group', memberIds: [] });
  await ok({ method: 'DELETE', url: `/api/orgs/${bOrgId}/conversations/${bGoneGroup}/members/${bOwnerMemberId}`, session: bOwner }, 204);

  const get = async (url: string, session: TestSession) => (await ok({ method: 'GET', url, session }, 200)).json();
  // Contacts: A's owner and the outsider are contacts (so the contacts space exists, with no place
  // for B's owner), C's owner has asked A's owner; B's owner declined C's owner and asked A's admin
  const befriend = async (from: TestSession, to: TestSession, toEmail: string) => {
    await ok({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: toEmail }, session: from }, 202);
    return ((await get('/api/contacts', to)).incoming as Array<{ id: string }>).at(-1)!.id;
  };
  const aOwnerFriendRequest = await befriend(aOwner, outsider, people.outsider.email);
  const accepted = (await ok({ method: 'POST', url: `/api/contacts/requests/${aOwnerFriendRequest}/accept`, session: outsider }, 200)).json();
  const contactsSpace = accepted.spaceId as string;
  const outsiderOfAOwner = ((await get('/api/contacts', aOwner)).contacts as Array<{ id: string }>)[0]!.id;
  const aOwnerOfOutsider = accepted.contact.id as string;
  const cRequestToAOwner = await befriend(cOwner, aOwner, people.aOwner.email);
  const cRequestToBOwner = await befriend(cOwner, bOwner, people.bOwner.email);
  await ok({ method: 'POST', url: `/api/contacts/requests/${cRequestToBOwner}/decline`, session: bOwner }, 204);
  await ok({ method: 'POST', url: '/api/contacts/requests', payload: { identifier: people.aAdmin.email }, session: bOwner }, 202);
  const bOwnerOutgoing = (await t.services.db.selectFrom('contact').select('id').where('owner_account_id', '=', bOwner.accountId).where('state', '=', 'outgoing').executeTakeFirstOrThrow()).id;

  const policyVersion = await t.services.policy.publish({
    label: 'isolation',
    bodyZh: '隔离测试',
    bodyEn: 'isolation',
    summaryZh: '测试',
    summaryEn: 'test',
    material: false,
    updatedOn: '2026-11-01',
    effectiveAt: t.clock.now() - 1000,
  });
  const kinds: Record<Kind, KindValues> = {
    policyVersion: { valid: policyVersion.id, foreign: [], deleted: [] },
    conversation: {
      valid: bGroup,
      aPrimary: aGroup,
      foreign: [
        { label: 'A’s group chat', id: aGroup },
        { label: 'A’s direct chat', id: aDirect },
      ],
      deleted: [
        { label: 'a B group its owner left', id: bLeftGroup },
        { label: 'a B group deleted when its last member left', id: bGoneGroup },
      ],
    },
    attachment: {
      valid: bAttachment,
      aPrimary: aAttachment,
      foreign: [{ label: 'a file in A’s group', id: aAttachment }],
      deleted: [{ label: 'a file in a group B’s owner left', id: bLeftAttachment }],
    },
    message: {
      valid: bMessage,
      aPrimary: aGroupMessage,
      foreign: [
        { label: 'a message in A’s group', id: aGroupMessage },
        { label: 'a message in A’s direct chat', id: aDirectMessage },
      ],
      deleted: [{ label: 'B’s owner’s message in a group they left', id: bLeftMessage }],
    },

    privacyRequest: {
      valid: bRequest,
      foreign: [{ label: 'A’s owner’s request about their data', id: aRequest }],
      deleted: [{ label: 'B’s owner’s withdrawn request', id: bWithdrawnRequest }],
    },
    child: {
      valid: bChild.childId,
      foreign: [{ label: 'A’s owner’s child', id: aChild.childId }],
      deleted: [{ label: 'B’s owner’s erased child', id: bErasedChild.childId }],
    },
    export: {
      valid: bOwnerExport,
      foreign: [
        { label: 'A’s owner’s download of their data', id: aOwnerExport },
        { label: 'A’s owner’s download of their child’s data', id: aChildExport },
        { label: 'the outsider’s download of their data', id: outsiderExport },
      ],
      deleted: [
        { label: 'B’s owner’s download of their erased child’s data', id: bErasedChildExport },
        { label: 'B’s owner’s download deleted when its link expired', id: bExpiredExport },
      ],
    },
    guardianConsent: { valid: bChild.consentId, foreign: [{ label: 'A’s child’s consent', id: aChild.consentId }], deleted: [] },
    operatorRequest: { valid: bRequest, foreign: [{ label: 'A’s owner’s request, in the operator’s queue', id: aRequest }], deleted: [] },
    contactRequest: {
      foreign: [{ label: 'C’s owner’s request to A’s owner', id: cRequestToAOwner }],
      deleted: [
        { label: 'C’s owner’s request to B’s owner, declined', id: cRequestToBOwner },
        { label: 'B’s owner’s own request to A’s admin', id: bOwnerOutgoing },
        { label: 'A’s owner’s request to the outsider, accepted', id: aOwnerFriendRequest },
      ],
    },
    contact: {
      foreign: [
        { label: 'A’s owner’s contact (the outsider)', id: outsiderOfAOwner },
        { label: 'the outsider’s contact (A’s owner)', id: aOwnerOfOutsider },
      ],
      deleted: [],
    },
    organisation: {
      valid: bOrgId,
      aPrimary: aOrgId,
      foreign: [
        { label: 'organisation A', id: aOrgId },
        { label: 'the contacts space, where B’s owner has no place', id: contactsSpace },
      ],
      deleted: [{ label: 'organisation C, which B’s owner was removed from', id: cOrgId }],
    },
    member: {
      valid: bMember.memberId,
      aPrimary: aMember.memberId,
      foreign: [
        { label: 'A’s owner', id: (await ok({ method: 'GET', url: `/api/orgs/${aOrgId}`, session: aOwner }, 200)).json().organisation.myMemberId },
        { label: 'A’s admin', id: aAdmin.memberId },
        { label: 'A’s member', id: aMember.memberId },
        { label: 'A’s pending invitation', id: aInvitation },
        { label: 'A’s imported invitation', id: aImportedInvitation },
      ],
      deleted: [
        { label: 'B’s removed member', id: bLeaver.memberId },
        { label: 'B’s withdrawn invitation', id: bWithdrawn },
      ],
    },
    supervisor: { valid: bAdmin.memberId, aPrimary: aAdmin.memberId, foreign: [], deleted: [] },
    department: {
      valid: bSub,
      aPrimary: aSub,
      foreign: [
        { label: 'A’s department', id: aTop },
        { label: 'A’s sub-department', id: aSub },
      ],
      deleted: [{ label: 'B’s deleted department', id: bDeletedDepartment }],
    },
    parentDepartment: { valid: bTop, aPrimary: aTop, foreign: [], deleted: [] },
    correction: {
      valid: bCorrection,
      aPrimary: aPendingCorrection,
      foreign: [
        { label: 'A’s pending correction', id: aPendingCorrection },
        { label: 'A’s rejected correction', id: aRejectedCorrection },
      ],
      deleted: [],
    },
    import: { valid: bImport, aPrimary: aImport, foreign: [{ label: 'A’s import', id: aImport }], deleted: [] },
    invitationToMe: {
      foreign: [
        { label: 'A’s invitation to someone else', id: aInvitation },
        { label: 'B’s own invitation to someone else', id: bInvitation },
      ],
      deleted: [
        { label: 'B’s withdrawn invitation', id: bWithdrawn },
        { label: 'A’s invitation to B’s owner, withdrawn', id: aWithdrawnToB },
        { label: 'A’s invitation to B’s owner, declined', id: aDeclinedByB },
        { label: 'C’s invitation to B’s owner, accepted, then removed', id: cMembershipOfB },
      ],
    },
    session: {
      valid: bOwnerSession,
      foreign: [
        ...aOwnerSessions.map((id, index) => ({ label: `A’s owner’s session ${index + 1}`, id })),
        ...outsiderSessions.map((id, index) => ({ label: `the outsider’s session ${index + 1}`, id })),
      ],
      deleted: [{ label: 'B’s owner’s ended session', id: bEndedSession }],
    },
    notice: {
      foreign: [
        { label: 'A’s owner’s notice', id: aOwnerNotices[0]! },
        { label: 'the outsider’s notice', id: outsiderNotices[0]! },
      ],
      deleted: [],
    },
    account: {
      valid: bOwner.accountId,
      foreign: [
        { label: 'A’s owner’s account', id: aOwner.accountId },
        { label: 'A’s member’s account', id: aMember.session.accountId },
        { label: 'the outsider’s account', id: outsider.accountId },
      ],
      deleted: [],
    },
    challenge: {
      // stands in where another id is under test: the child check comes before any code is tried
      valid: bPendingChallenge,
      foreign: [
        { label: 'A’s owner’s open sign-in challenge', id: aOwnerChallenge },
        { label: 'the outsider’s open sign-in challenge', id: outsiderChallenge },
      ],
      deleted: [
        { label: 'B’s owner’s used challenge', id: secondSignIn.challengeId },
        { label: 'B’s admin’s expired challenge', id: bExpiredChallenge },
      ],
    },
  };
  // supervisors are members, under another default
  kinds.supervisor.foreign = kinds.member.foreign;
  kinds.supervisor.deleted = kinds.member.deleted;
  kinds.parentDepartment.foreign = kinds.department.foreign;
  kinds.parentDepartment.deleted = kinds.department.deleted;

  const foreignPeople = [people.aOwner, people.aAdmin, people.aMember, people.aInvitee, people.aImported, people.cOwner, people.outsider];
  const foreignSecrets = [
    orgNames.a,
    orgNames.c,
    ...aTexts,
    ...foreignPeople.flatMap((person) => [person.name, person.email, person.email.split('@')[0]!]),
    ...Object.values(kinds).flatMap((values) => values.foreign.map((sample) => sample.id)),
    cOrgId,
    cMembershipOfB,
    aWithdrawnToB,
    aDeclinedByB,
  ].filter((secret, index, all) => secret.length >= 6 && all.indexOf(secret) === index);

  const snapshotA = async () => ({
    organisation: await get(`/api/orgs/${aOrgId}`, aOwner),
    members: await get(`/api/orgs/${aOrgId}/members`, aOwner),
    departments: await get(`/api/orgs/${aOrgId}/departments`, aOwner),
    invitations: await get(`/api/orgs/${aOrgId}/invitations`, aOwner),
    corrections: await get(`/api/orgs/${aOrgId}/corrections?scope=all`, aOwner),
    auditEvents: await get(`/api/orgs/${aOrgId}/audit-events?limit=500`, aOwner),
    import: await get(`/api/orgs/${aOrgId}/invitation-imports/${aImport}`, aOwner),
    aOwnerSessions: (await sessionIds(aOwner)).map((session) => session.id).sort(),
    aOwnerNotices: await get('/api/notices', aOwner),
    outsiderSessions: (await sessionIds(outsider)).map((session) => session.id).sort(),
    outsiderNotices: await get('/api/notices', outsider),
    aChats: await get(`/api/orgs/${aOrgId}/conversations`, aOwner),
    aGroupMessages: await get(`/api/orgs/${aOrgId}/conversations/${aGroup}/messages`, aOwner),
    aDirectMessages: await get(`/api/orgs/${aOrgId}/conversations/${aDirect}/messages`, aAdmin.session),
    aOwnerContacts: await get('/api/contacts', aOwner),
    outsiderContacts: await get('/api/contacts', outsider),
  });
  const snapshotSecurityLogs = async () => ({
    aOwner: await get('/api/security-events', aOwner),
    outsider: await get('/api/security-events', outsider),
  });

  const b = { owner: { session: bOwner, memberId: bOwnerMemberId }, admin: bAdmin, member: bMember, invitationId: bInvitation };
  return { aOrgId, bOrgId, caller: bOwner, b, kinds, foreignSecrets, snapshotA, snapshotSecurityLogs };
}
