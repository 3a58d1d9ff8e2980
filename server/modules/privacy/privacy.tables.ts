import { col, table, type RowOf } from '../../platform/datamap/declare.ts';

export const erasureReceiptTable = table('erasure_receipt', {
  subject: null,
  purpose: {
    'zh-CN': '向被删除者证明删除了什么、何时删除、通知了谁（P8.3、P8.4）',
    en: 'Proving to the erased person what was erased, when, and who was told (P8.3, P8.4)',
  },
  legalBasis: { 'zh-CN': '履行删除义务', en: 'Legal obligation: erasure' },
  retention: 'receipt.year',
  retainFrom: 'created_at',
  recipients: [],
  columns: {
    id: col.id(),
    // SHA-256 of the one-time link's token
    token_hash: col.text({ category: 'user.erasure_receipt', erase: 'delete-row' }),
    // signed JSON: counts, table names, key ids and a pseudonym of the account; no erased value
    body: col.text({ category: 'user.erasure_receipt', erase: 'delete-row' }),
    signature: col.text({ category: 'user.erasure_receipt', erase: 'delete-row' }),
    created_at: col.time(),
    fetched_at: col.timeNullable(),
  },
});

/** The published privacy policy, one row per version, Chinese (authoritative) and English (P9.1, P12.1). */
export const policyVersionTable = table('policy_version', {
  subject: null,
  purpose: { 'zh-CN': '发布隐私政策的各个版本', en: 'Publishing every version of the privacy policy' },
  legalBasis: { 'zh-CN': '不涉及个人信息', en: 'No personal information involved' },
  retention: 'policy.published',
  recipients: [],
  columns: {
    id: col.id('system.policy'),
    label: col.text({ category: 'system.policy' }),
    body_zh: col.text({ category: 'system.policy' }),
    body_en: col.text({ category: 'system.policy' }),
    summary_zh: col.text({ category: 'system.policy' }),
    summary_en: col.text({ category: 'system.policy' }),
    material: col.int({ category: 'system.policy' }),
    updated_on: col.text({ category: 'system.policy' }),
    effective_at: col.time({ category: 'system.policy' }),
    published_at: col.time({ category: 'system.policy' }),
  },
});

export const policyAcceptanceTable = table('policy_acceptance', {
  subject: { via: 'account_id' },
  purpose: { 'zh-CN': '记录您接受了哪个版本的隐私政策（P9.1）', en: 'Recording which version of the privacy policy you accepted (P9.1)' },
  legalBasis: { 'zh-CN': '您的同意', en: 'Your consent' },
  retention: 'account.whileActive',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.ref('account'),
    version_id: col.ref('policy_version', { category: 'user.consent' }),
    language: col.text({ category: 'user.consent', erase: 'delete-row' }),
    accepted_at: col.time({ category: 'user.consent' }),
    /** how it was given: `sign_up` (shown and ticked on the sign-up page), `signed_in` (in the app), `unrecorded` (before migration 0019) */
    occasion: col.text({ category: 'user.consent', erase: 'delete-row' }),
  },
});

/** Requests about personal data (P8.3, P10.1), each with the 15-day clock that runs from re-verification. */
export const privacyRequestTable = table('privacy_request', {
  subject: { via: 'account_id' },
  purpose: {
    'zh-CN': '受理并在 15 天内答复您关于个人信息的请求（P10.1）',
    en: 'Taking and answering within 15 days your requests about your personal information (P10.1)',
  },
  legalBasis: { 'zh-CN': '履行个人信息权利请求的法定义务', en: 'Legal obligation: the rights of the person' },
  retention: 'request.afterClosed',
  retainFrom: 'closed_at',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.ref('account'),
    kind: col.text({ category: 'user.privacy_request' }),
    status: col.text({ category: 'user.privacy_request' }),
    details_enc: col.encryptedNullable({ category: 'user.privacy_request', erase: 'delete-row' }),
    repeated: col.int({ category: 'user.privacy_request' }),
    verified_at: col.time({ category: 'user.privacy_request' }),
    due_at: col.time({ category: 'user.privacy_request' }),
    reminded_at: col.timeNullable(),
    refusal_reason: col.textNullable({ category: 'user.privacy_request' }),
    response_enc: col.encryptedNullable({ category: 'user.privacy_request', erase: 'delete-row' }),
    created_at: col.time(),
    closed_at: col.timeNullable(),
    // what completing it carried out: the erasure's receipt, the download prepared, the correction
    // filed with the employer (and which one)
    receipt_id: col.textNullable({ category: 'user.privacy_request' }),
    export_id: col.textNullable({ category: 'user.privacy_request' }),
    correction_id: col.textNullable({ category: 'user.privacy_request' }),
    routed_org_id: col.textNullable({ category: 'user.privacy_request' }),
    // when the staff were told it is overdue (once)
    escalated_at: col.timeNullable(),
  },
});

/** A guardian's verifiable consent for a child under 14 (P11.1–P11.3), proven by a code sent to the guardian. */
export const guardianConsentTable = table('guardian_consent', {
  subject: { via: 'child_account_id' },
  purpose: {
    'zh-CN': '取得并记录监护人对未满 14 周岁儿童使用本平台的同意，并让监护人管理儿童的信息（P11）',
    en: 'Obtaining and recording a guardian’s consent for a child under 14, and letting the guardian act on the child’s data (P11)',
  },
  legalBasis: { 'zh-CN': '监护人的明示同意', en: 'The guardian’s explicit consent' },
  retention: 'account.whileActive',
  recipients: [],
  columns: {
    id: col.id(),
    child_account_id: col.ref('account'),
    guardian_enc: col.encrypted({ category: 'user.guardian', erase: 'delete-row' }),
    guardian_index: col.text({ category: 'user.guardian', erase: 'delete-row' }),
    code_hash: col.text({ category: 'user.authorization.credentials', erase: 'delete-row' }),
    guesses: col.int({ category: 'system.operations' }),
    status: col.text({ category: 'user.guardian' }),
    requested_at: col.time({ category: 'user.guardian' }),
    // the latest code's; the child may send it again after a cooldown, or to a corrected address
    code_sent_at: col.time({ category: 'user.guardian' }),
    expires_at: col.time(),
    decided_at: col.timeNullable({ category: 'user.guardian' }),
  },
});

/** Every grant and withdrawal of a device permission for a function (P0.3): the history is the record. */
export const consentEventTable = table('consent_event', {
  subject: { via: 'account_id' },
  purpose: {
    'zh-CN': '记录您为哪项功能授予或撤回了哪项设备权限（P0.3）',
    en: 'Recording which device permission you granted or withdrew, for which function (P0.3)',
  },
  legalBasis: { 'zh-CN': '您的同意', en: 'Your consent' },
  retention: 'account.whileActive',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.ref('account'),
    permission: col.text({ category: 'user.consent' }),
    function_key: col.text({ category: 'user.consent' }),
    action: col.text({ category: 'user.consent' }),
    policy_version_id: col.refNullable('policy_version', { category: 'user.consent' }),
    occurred_at: col.time({ category: 'user.consent' }),
  },
});

/**
 * A download of a person's data (P8.1, P8.3), prepared by a job and kept only until its link
 * expires: the ZIP is sealed under the data key of the person it is about, so erasing them makes it
 * unreadable at once, and the row goes with their other rows. A guardian may be the one who asked.
 * A row rather than a file in the data directory: the data map then drives its retention, erasure
 * and the privacy notice like any other table, and there is no file to forget on disk.
 */
export const dataExportTable = table('data_export', {
  subject: { via: 'account_id' },
  purpose: {
    'zh-CN': '按您的请求准备并提供您的个人信息副本（P8.1、P8.3）',
    en: 'Preparing, at your request, a copy of your personal information to download (P8.1, P8.3)',
  },
  legalBasis: { 'zh-CN': '履行个人信息权利请求的法定义务', en: 'Legal obligation: the rights of the person' },
  retention: 'export.untilLinkExpires',
  retainFrom: 'expires_at',
  recipients: [],
  columns: {
    id: col.id(),
    // whose data the archive holds
    account_id: col.ref('account'),
    // who asked and may download: the person, or their child's guardian; let go if that account is erased
    requested_by: col.refNullable('account', { category: 'user.account', erase: 'nullify' }),
    job_id: col.text({ category: 'system.operations' }),
    status: col.text({ category: 'system.operations' }),
    tables_done: col.int({ category: 'system.operations' }),
    tables_total: col.int({ category: 'system.operations' }),
    // the ZIP, sealed; never exported itself (it is a copy of everything else)
    archive_enc: col.encryptedNullable({ category: 'user.export', erase: 'delete-row' }),
    bytes: col.intNullable({ category: 'system.operations' }),
    created_at: col.time(),
    ready_at: col.timeNullable(),
    expires_at: col.time(),
  },
});

export interface PrivacyTables {
  data_export: RowOf<typeof dataExportTable>;
  consent_event: RowOf<typeof consentEventTable>;
  guardian_consent: RowOf<typeof guardianConsentTable>;
  privacy_request: RowOf<typeof privacyRequestTable>;
  erasure_receipt: RowOf<typeof erasureReceiptTable>;
  policy_version: RowOf<typeof policyVersionTable>;
  policy_acceptance: RowOf<typeof policyAcceptanceTable>;
}
