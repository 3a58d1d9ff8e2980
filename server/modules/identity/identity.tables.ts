import { col, table, type RowOf } from '../../platform/datamap/declare.ts';
import type { Localised } from '../../platform/datamap/categories.ts';

const authPurpose: Localised = {
  'zh-CN': '身份验证：以手机号或邮箱登录并使用平台（P3.1）',
  en: 'Authentication: signing in with a mobile number or email to use the platform (P3.1)',
};
const contract: Localised = { 'zh-CN': '履行用户协议所必需', en: 'Necessary to perform the user agreement' };

export const accountTable = table('account', {
  subject: { via: 'id' },
  // the row stays as a tombstone, so what others hold (messages, audit entries) keeps its author id
  erasedValues: { status: 'erased' },
  purpose: authPurpose,
  legalBasis: contract,
  retention: 'account.whileActive',
  recipients: [],
  columns: {
    id: col.id('user.account'),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    name_enc: col.encrypted({ category: 'user.name' }),
    email_enc: col.encryptedNullable({ category: 'user.contact.email' }),
    email_index: col.textNullable({ category: 'user.contact.email', erase: 'nullify' }),
    phone_enc: col.encryptedNullable({ category: 'user.contact.phone' }),
    phone_index: col.textNullable({ category: 'user.contact.phone', erase: 'nullify' }),
    avatar_enc: col.encryptedNullable({ category: 'user.avatar' }),
    avatar_version: col.int({ category: 'user.avatar' }),
    locale: col.text({ category: 'user.preference' }),
    status: col.text({ category: 'user.account' }),
    // given at individual sign-up (P11.1): under 14 the account waits for a guardian's consent
    birth_date_enc: col.encryptedNullable({ category: 'user.birth_date' }),
    // while a cancellation's grace period runs: when the erasure happens unless the person signs in
    cancel_after: col.timeNullable({ category: 'user.account', erase: 'nullify' }),
    created_at: col.time(),
    updated_at: col.time(),
  },
});

export const otpChallengeTable = table('otp_challenge', {
  subject: { viaContactIndex: 'identifier_index' },
  purpose: authPurpose,
  legalBasis: contract,
  retention: 'otp.short',
  retainFrom: 'created_at',
  recipients: [],
  columns: {
    id: col.id(),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    identifier_index: col.text({ category: 'user.contact', erase: 'delete-row' }),
    identifier_enc: col.encrypted({ category: 'user.contact', erase: 'delete-row' }),
    channel: col.text({ category: 'system.operations' }),
    code_hash: col.text({ category: 'user.authorization.credentials', erase: 'delete-row' }),
    // SHA-256 of the secret in the requesting browser's sign-in cookie
    binding_hash: col.textNullable({ category: 'user.authorization.credentials', erase: 'delete-row' }),
    guesses: col.int({ category: 'system.operations' }),
    expires_at: col.time(),
    consumed_at: col.timeNullable(),
    created_at: col.time(),
  },
});

export const sessionTable = table('session', {
  subject: { via: 'account_id' },
  purpose: {
    'zh-CN': '保持登录状态，并让您查看和结束自己的会话',
    en: 'Keeping you signed in, and letting you see and end your sessions',
  },
  legalBasis: contract,
  retention: 'session.afterEnd',
  retainFrom: 'expires_at',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.ref('account'),
    token_hash: col.text({ category: 'user.authorization.credentials', erase: 'delete-row' }),
    persistent: col.int({ category: 'system.operations' }),
    created_at: col.time(),
    last_seen_at: col.time(),
    expires_at: col.time(),
    ended_at: col.timeNullable(),
    end_reason: col.textNullable({ category: 'system.operations' }),
    ip_enc: col.encrypted({ category: 'user.network.ip', erase: 'delete-row' }),
    device_index: col.textNullable({ category: 'user.device.identifier', erase: 'delete-row' }),
    // sealed like the address: a user agent is a fingerprint
    user_agent_enc: col.encryptedNullable({ category: 'user.device.software', erase: 'delete-row' }),
    time_zone: col.textNullable({ category: 'user.device.software', erase: 'delete-row' }),
    language: col.textNullable({ category: 'user.device.software', erase: 'delete-row' }),
  },
});

export const knownDeviceTable = table('known_device', {
  subject: { via: 'account_id' },
  purpose: {
    'zh-CN': '识别新设备登录并通知您（P3.3）',
    en: 'Recognising a sign-in from a new device and telling you (P3.3)',
  },
  legalBasis: { 'zh-CN': '保障账号安全的合法利益', en: 'Legitimate interest in account security' },
  retention: 'account.whileActive',
  recipients: [],
  columns: {
    account_id: col.ref('account'),
    device_index: col.text({ category: 'user.device.identifier', erase: 'delete-row' }),
    first_seen_at: col.time(),
  },
});

export interface IdentityTables {
  account: RowOf<typeof accountTable>;
  otp_challenge: RowOf<typeof otpChallengeTable>;
  session: RowOf<typeof sessionTable>;
  known_device: RowOf<typeof knownDeviceTable>;
}
