import { col, table, type RowOf } from '../../platform/datamap/declare.ts';
import type { Localised } from '../../platform/datamap/categories.ts';

const running: Localised = {
  'zh-CN': '组织管理：成员、部门与直属上级、通讯录（P0.2、P2.2）',
  en: 'Running the organisation: members, departments and superiors, the directory (P0.2, P2.2)',
};
const employerConsent: Localised = {
  'zh-CN': '雇主声明已告知成员并取得其同意；成员接受邀请时确认',
  en: 'The employer’s statement that it informed the member and obtained consent, confirmed by the member on accepting',
};
const employerInterest: Localised = { 'zh-CN': '雇主管理其组织的合法利益', en: 'The employer’s legitimate interest in running its organisation' };

export const organisationTable = table('organisation', {
  subject: null,
  purpose: running,
  legalBasis: employerInterest,
  retention: 'org.whileExists',
  recipients: [],
  columns: {
    id: col.id('org.profile'),
    name: col.text({ category: 'org.profile' }),
    region: col.text({ category: 'org.profile' }),
    contact_visibility: col.text({ category: 'org.profile' }),
    // 'company', or 'contacts': the one space of chats between contacts (decision 0012), which is
    // no organisation to anyone and which only the chat routes enter
    kind: col.text({ category: 'org.profile' }),
    created_at: col.time(),
    updated_at: col.time(),
  },
});

export const departmentTable = table('department', {
  subject: null,
  purpose: running,
  legalBasis: employerInterest,
  retention: 'org.whileExists',
  recipients: [],
  columns: {
    id: col.id('org.structure'),
    org_id: col.ref('organisation', { category: 'org.structure' }),
    parent_id: col.refNullable('department', { category: 'org.structure' }),
    name: col.text({ category: 'org.structure' }),
    created_at: col.time(),
  },
});

export const attestationTable = table('attestation', {
  subject: { via: 'attested_by' },
  purpose: running,
  legalBasis: employerConsent,
  retention: 'org.whileExists',
  recipients: [],
  columns: {
    id: col.id(),
    org_id: col.ref('organisation', { category: 'org.profile' }),
    attested_by: col.ref('account', { category: 'user.work.attestation' }),
    text_version: col.text({ category: 'user.work.attestation' }),
    attested_at: col.time({ category: 'user.work.attestation' }),
  },
});

/**
 * A person's place in an organisation, from invitation on. The employer-supplied fields are
 * sealed under the member's own data key, so removing or erasing the member shreds them. A
 * person's place in the contacts space (decision 0012) is a row here too, holding only their name.
 */
export const memberTable = table('member', {
  subject: { via: 'account_id' },
  erasedValues: { status: 'erased' },
  purpose: {
    'zh-CN': `${running['zh-CN']}；以及您在联系人聊天中的身份（仅姓名，P2.5）`,
    en: `${running.en}; and who you are in chats with your contacts (your name only, P2.5)`,
  },
  legalBasis: {
    'zh-CN': `${employerConsent['zh-CN']}；联系人聊天中的身份：履行您使用联系人服务的合同所必需`,
    en: `${employerConsent.en}; who you are in chats with contacts: necessary to provide the contacts service you use`,
  },
  retention: 'member.afterLeaving',
  retainFrom: 'removed_at',
  recipients: [],
  columns: {
    id: col.id('user.work.organization'),
    org_id: col.ref('organisation', { category: 'user.work.organization' }),
    account_id: col.refNullable('account', { category: 'user.work.organization' }),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    role: col.text({ category: 'user.work.organization' }),
    status: col.text({ category: 'user.work.organization' }),
    name_enc: col.encrypted({ category: 'user.name' }),
    work_email_enc: col.encryptedNullable({ category: 'user.contact.email' }),
    work_email_index: col.textNullable({ category: 'user.contact.email', erase: 'nullify' }),
    work_phone_enc: col.encryptedNullable({ category: 'user.contact.phone' }),
    work_phone_index: col.textNullable({ category: 'user.contact.phone', erase: 'nullify' }),
    work_location_enc: col.encryptedNullable({ category: 'user.work.location' }),
    position_enc: col.encryptedNullable({ category: 'user.work.position' }),
    department_id: col.refNullable('department', { category: 'user.work.department', erase: 'nullify' }),
    supervisor_id: col.refNullable('member', { category: 'user.work.department', erase: 'nullify' }),
    work_status: col.text({ category: 'user.work.status' }),
    // JSON list of the field names the employer supplied (P0.2: the member sees exactly these)
    supplied_fields: col.text({ category: 'user.work.organization' }),
    supplied_at: col.timeNullable({ category: 'user.work.organization' }),
    supplied_by: col.refNullable('account', { category: 'user.work.organization', erase: 'nullify' }),
    attestation_id: col.refNullable('attestation', { category: 'user.work.attestation' }),
    invited_at: col.timeNullable(),
    responded_at: col.timeNullable(),
    removed_at: col.timeNullable(),
    created_at: col.time(),
    updated_at: col.time(),
  },
});

export const correctionRequestTable = table('correction_request', {
  subject: { via: 'member_id' },
  purpose: {
    'zh-CN': '处理成员对雇主提供信息的更正申请（P8.2）',
    en: 'Handling a member’s request to correct what the employer supplied (P8.2)',
  },
  legalBasis: { 'zh-CN': '履行更正权的法定义务', en: 'Legal obligation: the right to correction' },
  retention: 'correction.afterDecision',
  retainFrom: 'decided_at',
  recipients: [],
  columns: {
    id: col.id(),
    org_id: col.ref('organisation', { category: 'user.work.correction' }),
    member_id: col.ref('member', { category: 'user.work.correction' }),
    field: col.text({ category: 'user.work.correction' }),
    proposed_enc: col.encrypted({ category: 'user.work.correction', erase: 'delete-row' }),
    note_enc: col.encryptedNullable({ category: 'user.work.correction', erase: 'delete-row' }),
    status: col.text({ category: 'user.work.correction' }),
    decided_by: col.refNullable('member', { category: 'user.work.correction', erase: 'nullify' }),
    decision_reason_enc: col.encryptedNullable({ category: 'user.work.correction', erase: 'delete-row' }),
    created_at: col.time(),
    decided_at: col.timeNullable(),
  },
});

export const orgAuditEventTable = table('org_audit_event', {
  subject: { via: 'actor_member_id' },
  purpose: {
    'zh-CN': '记录每一项组织管理操作，供管理员查看和导出',
    en: 'Recording every administrative action in an organisation, for its admins to review and export',
  },
  legalBasis: employerInterest,
  retention: 'org.audit',
  retainFrom: 'occurred_at',
  recipients: [],
  columns: {
    id: col.id(),
    org_id: col.ref('organisation', { category: 'user.behavior.admin_audit' }),
    actor_member_id: col.ref('member', { category: 'user.behavior.admin_audit' }),
    action: col.text({ category: 'user.behavior.admin_audit' }),
    target_member_id: col.refNullable('member', { category: 'user.behavior.admin_audit', erase: 'nullify' }),
    target_id: col.textNullable({ category: 'user.behavior.admin_audit' }),
    // JSON of the action's closed set of keys (audit-detail.ts, checked on write): field names, roles, counts
    detail: col.textNullable({ category: 'user.behavior.admin_audit' }),
    occurred_at: col.time({ category: 'user.behavior.admin_audit' }),
  },
});

export const invitationImportTable = table('invitation_import', {
  subject: { via: 'started_by' },
  purpose: running,
  legalBasis: employerInterest,
  retention: 'org.audit',
  retainFrom: 'created_at',
  recipients: [],
  columns: {
    id: col.id(),
    org_id: col.ref('organisation', { category: 'user.behavior.admin_audit' }),
    started_by: col.ref('member', { category: 'user.behavior.admin_audit' }),
    status: col.text({ category: 'system.operations' }),
    total: col.int({ category: 'system.operations' }),
    processed: col.int({ category: 'system.operations' }),
    invited: col.int({ category: 'system.operations' }),
    skipped: col.int({ category: 'system.operations' }),
    failed: col.int({ category: 'system.operations' }),
    // JSON list of { line, reason } for rows that were not invited: reasons, never values
    report: col.text({ category: 'system.operations' }),
    created_at: col.time(),
    finished_at: col.timeNullable(),
  },
});

export interface OrgTables {
  organisation: RowOf<typeof organisationTable>;
  department: RowOf<typeof departmentTable>;
  attestation: RowOf<typeof attestationTable>;
  member: RowOf<typeof memberTable>;
  correction_request: RowOf<typeof correctionRequestTable>;
  org_audit_event: RowOf<typeof orgAuditEventTable>;
  invitation_import: RowOf<typeof invitationImportTable>;
}
