/**
 * What the isolation suite needs to know about the API beyond the OpenAPI document: which kind
 * of object each id parameter names, and a valid request body (or query) for operations that
 * need one. An id parameter with no kind here, an operation with a body and no example, or a
 * required parameter with no value, makes the suite fail naming it: that is how a new endpoint
 * gets noticed.
 */
import type { Param } from './openapi.ts';

export type Kind =
  | 'organisation'
  | 'member'
  | 'supervisor'
  | 'department'
  | 'parentDepartment'
  | 'correction'
  | 'import'
  | 'invitationToMe'
  | 'session'
  | 'notice'
  | 'account'
  | 'challenge'
  /** a published version of the privacy policy: a public document that belongs to no one, so it has no foreign samples */
  | 'policyVersion'
  | 'privacyRequest'
  /** a request seen through the operator's queue: platform staff only, so B's owner is refused for any id alike */
  | 'operatorRequest'
  | 'child'
  /** a guardian's consent request: the id is a bearer secret sent only to the guardian (no account) */
  | 'guardianConsent'
  /** a download of someone's data: seen only by whoever asked for it (the person, or a child's guardian) */
  | 'export'
  | 'conversation'
  | 'message'
  | 'attachment'
  /** a contact request to someone: only the person asked may answer it */
  | 'contactRequest'
  /** someone's contact (their place in the contacts space): only the two contacts may act on it */
  | 'contact';

interface KindRule {
  name: string;
  /** the operation's path must match (unset: any path) */
  under?: RegExp;
  kind: Kind;
}

/** First match wins. */
const kindRules: KindRule[] = [
  { name: 'orgId', kind: 'organisation' },
  { name: 'memberId', under: /^\/api\/invitations\//, kind: 'invitationToMe' },
  { name: 'memberId', under: /^\/api\/orgs\/\{orgId\}\/(members|invitations)\//, kind: 'member' },
  { name: 'supervisorId', under: /^\/api\/orgs\/\{orgId\}\//, kind: 'supervisor' },
  { name: 'departmentId', under: /^\/api\/orgs\/\{orgId\}\//, kind: 'department' },
  { name: 'parentId', under: /^\/api\/orgs\/\{orgId\}\/departments/, kind: 'parentDepartment' },
  { name: 'correctionId', under: /^\/api\/orgs\/\{orgId\}\/corrections\//, kind: 'correction' },
  { name: 'importId', under: /^\/api\/orgs\/\{orgId\}\/invitation-imports\//, kind: 'import' },
  { name: 'challengeId', under: /^\/api\/(auth|me|guardian)\//, kind: 'challenge' },
  { name: 'id', under: /^\/api\/sessions\//, kind: 'session' },
  { name: 'id', under: /^\/api\/notices\//, kind: 'notice' },
  { name: 'id', under: /^\/api\/accounts\//, kind: 'account' },
  { name: 'versionId', kind: 'policyVersion' },
  { name: 'childId', under: /^\/api\/guardian\/children\//, kind: 'child' },
  { name: 'consentId', under: /^\/api\/guardian-consents\//, kind: 'guardianConsent' },
  { name: 'requestId', under: /^\/api\/me\/requests\//, kind: 'privacyRequest' },
  { name: 'requestId', under: /^\/api\/operator\//, kind: 'operatorRequest' },
  { name: 'fromVersionId', kind: 'policyVersion' },
  { name: 'acceptedPolicyVersionId', kind: 'policyVersion' },
  { name: 'conversationId', under: /^\/api\/orgs\/\{orgId\}\/conversations\//, kind: 'conversation' },
  { name: 'memberId', under: /^\/api\/orgs\/\{orgId\}\/conversations\//, kind: 'member' },
  { name: 'messageId', under: /^\/api\/orgs\/\{orgId\}\/conversations\//, kind: 'message' },
  { name: 'replyToId', under: /^\/api\/orgs\/\{orgId\}\/conversations\//, kind: 'message' },
  { name: 'attachmentId', under: /^\/api\/orgs\/\{orgId\}\/conversations\//, kind: 'attachment' },
  { name: 'exportId', under: /^\/api\/exports\//, kind: 'export' },
  { name: 'requestId', under: /^\/api\/contacts\/requests\//, kind: 'contactRequest' },
  { name: 'contactId', under: /^\/api\/contacts\//, kind: 'contact' },
];

/**
 * Kinds that are public documents belonging to no organisation or person: there is nothing of
 * A's to try, so only the missing-id answer and a valid call are checked. Reviewed: the published
 * privacy policy is readable by anyone without an account (P0.1).
 */
export const publicKinds: ReadonlySet<Kind> = new Set<Kind>(['policyVersion', 'guardianConsent']);
// Reviewed: `guardianConsent` ids are capabilities like sign-in challenges, delivered only to the
// guardian's own address with the code that proves it; without the code an id opens nothing, and
// wrong codes are limited to five per consent. It is listed here so its missing-id answer is still
// checked.

export function kindOf(param: Param, path: string): Kind | undefined {
  return kindRules.find((rule) => rule.name === param.name && (!rule.under || rule.under.test(path)))?.kind;
}

/**
 * The codes a truly missing id of a kind is answered with, when that answer is not a 404. The
 * answer for a random id must be one of these (or a 404): otherwise the request never reached the
 * lookup (a bad example body, a role problem) and comparing answers would prove nothing.
 */
export const missingAnswerCodes: Partial<Record<Kind, string[]>> = {
  challenge: ['otp_invalid'],
  // a sign-up's accepted version is read only once its code is right; versions are public anyway
  policyVersion: ['otp_invalid'],
  // Operator staff handle every organisation's requests by right (the operator is the controller);
  // anyone else is refused before any lookup, with the same answer for every id.
  operatorRequest: ['forbidden'],
};

export interface Example {
  /** a JSON body; id-bearing properties are filled in by the suite */
  json?: Record<string, unknown>;
  /** a body that is not JSON (the document declares none for these) */
  raw?: { contentType: string; payload: string };
  /** values of path and query parameters that are not ids */
  params?: Record<string, string>;
}

/** Keyed by "METHOD path" as in the OpenAPI document. */
export const examples: Record<string, Example> = {
  'PATCH /api/orgs/{orgId}': { json: { contactVisibility: 'masked' } },
  'PATCH /api/orgs/{orgId}/members/{memberId}': { json: { position: 'Isolation probe' } },
  'POST /api/orgs/{orgId}/departments': { json: { name: 'Isolation probe' } },
  'PATCH /api/orgs/{orgId}/departments/{departmentId}': { json: { name: 'Beta Platform (probed)' } },
  'POST /api/orgs/{orgId}/invitations': { json: { name: 'Isolation Probe', workEmail: 'isolation-probe@nowhere-iso.example', attestation: 'v1' } },
  'POST /api/orgs/{orgId}/invitation-imports': {
    params: { attestation: 'v1' },
    raw: { contentType: 'text/csv', payload: 'name,work_email\r\nIsolation Probe,isolation-probe-csv@nowhere-iso.example\r\n' },
  },
  'POST /api/orgs/{orgId}/corrections': { json: { field: 'position', proposedValue: 'Isolation probe' } },
  'POST /api/orgs/{orgId}/corrections/{correctionId}/reject': { json: { reason: 'Isolation probe' } },
  'POST /api/auth/verify': { json: { code: '000000' } },
  'POST /api/me/cancellation': { json: { code: '000000' } },
  'POST /api/me/exports': { json: { code: '000000' } },
  'POST /api/me/policy/acceptances': { json: { language: 'zh-CN' } },
  'POST /api/me/requests': { json: { kind: 'access', code: '000000' } },
  'POST /api/orgs/{orgId}/contact-matches': { json: { emails: ['alpha-owner@alpha-iso.example'], phones: [] } },
  'POST /api/guardian-consents/{consentId}/decision': { json: { code: '000000', decision: 'approve' } },
  'POST /api/guardian/children/{childId}/exports': { json: { code: '000000' } },
  'POST /api/guardian/children/{childId}/erasure': { json: { code: '000000' } },
  'POST /api/operator/requests/{requestId}/complete': { json: { response: 'Isolation probe' } },
  'POST /api/operator/requests/{requestId}/refuse': { json: { reason: 'unrealistic', explanation: 'Isolation probe' } },
  'POST /api/orgs/{orgId}/conversations': { json: { kind: 'group', name: 'Isolation probe', memberIds: [] } },
  'PATCH /api/orgs/{orgId}/conversations/{conversationId}': { json: { name: 'Beta Group (probed)' } },
  'PUT /api/orgs/{orgId}/conversations/{conversationId}/settings': { json: { muted: false } },
  // a member id that exists nowhere: the chat is looked up first, so a foreign chat still answers "no such chat"
  'POST /api/orgs/{orgId}/conversations/{conversationId}/members': { json: { memberIds: ['00000000-0000-4000-8000-00000000beef'] } },
  'PUT /api/orgs/{orgId}/conversations/{conversationId}/members/{memberId}/role': { json: { role: 'member' } },
  'POST /api/orgs/{orgId}/conversations/{conversationId}/messages': { json: { clientMessageId: 'isolation-probe', text: 'Isolation probe' } },
  'PATCH /api/orgs/{orgId}/conversations/{conversationId}/messages/{messageId}': { json: { text: 'Beta message (probed)' } },
  'PUT /api/orgs/{orgId}/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}': { params: { emoji: '👍' } },
  'DELETE /api/orgs/{orgId}/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}': { params: { emoji: '👍' } },
  'POST /api/orgs/{orgId}/conversations/{conversationId}/read': { json: { seq: 0 } },
  'GET /api/orgs/{orgId}/message-search': { params: { q: 'probe' } },
  'POST /api/orgs/{orgId}/conversations/{conversationId}/attachments': { params: { name: 'probe.txt' }, raw: { contentType: 'text/plain', payload: 'Isolation probe' } },
  // not an image: the chat is looked up before the picture is judged, so a foreign chat still answers "no such chat"
  'PUT /api/orgs/{orgId}/conversations/{conversationId}/avatar': { raw: { contentType: 'image/png', payload: 'Isolation probe' } },
  // operations without ids, called by the lost-access suite (with ended sessions, without any)
  'POST /api/auth/code': { json: { identifier: 'lost-access-probe@nowhere-iso.example' } },
  'PATCH /api/me': { json: { name: 'Lost Access Probe' } },
  'PUT /api/me/avatar': { raw: { contentType: 'image/png', payload: 'Lost access probe' } },
  'POST /api/crash-reports': { json: { message: 'Lost access probe' } },
  'POST /api/orgs': { json: { name: 'Lost Access Probe Ltd', region: 'CN' } },
  'POST /api/operator/policy/preview': { json: { label: 'probe', material: false, effectiveOn: '2030-01-01' } },
  'POST /api/operator/policy/versions': { json: { label: 'probe', material: false, effectiveOn: '2030-01-01' } },
  'PUT /api/child/guardian-request/guardian': { json: { guardianIdentifier: 'lost-access-guardian@nowhere-iso.example' } },
  'PUT /api/me/permissions/{function}': { params: { function: 'directory.match_contacts' }, json: { granted: false } },
  'POST /api/contacts/requests': { json: { identifier: 'lost-access-probe@nowhere-iso.example' } },
  'GET /api/catalogue/products/{slug}': { params: { slug: 'lost-access-probe' } },
  'GET /api/privacy/receipts/{token}': { params: { token: 'lost-access-probe-receipt-token' } },
};

/**
 * Ids the schema cannot show: a value whose meaning depends on another field. A correction
 * request for the department or superior carries a department or member id in `proposedValue`.
 */
export interface ValueBorneId {
  operation: string;
  label: string;
  kind: Kind;
  body: (id: string) => Record<string, unknown>;
}

export const valueBorneIds: ValueBorneId[] = [
  {
    operation: 'POST /api/orgs/{orgId}/corrections',
    label: 'body.proposedValue (field departmentId)',
    kind: 'department',
    body: (id) => ({ field: 'departmentId', proposedValue: id }),
  },
  {
    operation: 'POST /api/orgs/{orgId}/corrections',
    label: 'body.proposedValue (field supervisorId)',
    kind: 'supervisor',
    body: (id) => ({ field: 'supervisorId', proposedValue: id }),
  },
];
