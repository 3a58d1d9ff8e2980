import { col, table, type RowOf } from '../../platform/datamap/declare.ts';
import type { Localised } from '../../platform/datamap/categories.ts';

const monitoringPurpose: Localised = {
  'zh-CN': '安全监测：识别欺诈、入侵和账号风险，核验身份并审计（P3.3）',
  en: 'Security monitoring: detecting fraud, intrusion and account risk, verifying identity and auditing (P3.3)',
};
const securityInterest: Localised = {
  'zh-CN': '保障账号和平台安全的合法利益',
  en: 'Legitimate interest in the security of accounts and the platform',
};

export const securityEventTable = table('security_event', {
  subject: { via: 'account_id' },
  purpose: monitoringPurpose,
  legalBasis: securityInterest,
  retention: 'security.events',
  retainFrom: 'occurred_at',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.refNullable('account'),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    type: col.text({ category: 'user.behavior.security_log' }),
    occurred_at: col.time({ category: 'user.behavior.security_log' }),
    ip_enc: col.encrypted({ category: 'user.network.ip', erase: 'delete-row' }),
    device_index: col.textNullable({ category: 'user.device.identifier', erase: 'delete-row' }),
    user_agent_enc: col.encryptedNullable({ category: 'user.device.software', erase: 'delete-row' }),
    time_zone: col.textNullable({ category: 'user.device.software', erase: 'delete-row' }),
    language: col.textNullable({ category: 'user.device.software', erase: 'delete-row' }),
    // JSON of the type's closed set of keys (security-event-detail.ts, checked on write): reasons, channels, session ids
    detail: col.textNullable({ category: 'user.behavior.security_log', erase: 'delete-row' }),
  },
});

export const crashReportTable = table('crash_report', {
  subject: { via: 'account_id' },
  purpose: monitoringPurpose,
  legalBasis: securityInterest,
  retention: 'security.crash',
  retainFrom: 'received_at',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.refNullable('account'),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    received_at: col.time(),
    report_enc: col.encrypted({ category: 'user.behavior.crash', erase: 'delete-row' }),
    user_agent_enc: col.encryptedNullable({ category: 'user.device.software', erase: 'delete-row' }),
  },
});

export const noticeTable = table('notice', {
  subject: { via: 'account_id' },
  purpose: {
    'zh-CN': '向您发送安全通知（例如新设备登录）',
    en: 'Sending you security notices (such as a sign-in from a new device)',
  },
  legalBasis: securityInterest,
  retention: 'notice.afterRead',
  retainFrom: 'created_at',
  recipients: [],
  columns: {
    id: col.id(),
    account_id: col.ref('account'),
    key_id: col.ref('data_key', { category: 'system.keys' }),
    kind: col.text({ category: 'user.notice' }),
    created_at: col.time(),
    read_at: col.timeNullable(),
    data_enc: col.encrypted({ category: 'user.notice', erase: 'delete-row' }),
  },
});

export const rateCounterTable = table('rate_counter', {
  subject: null,
  purpose: {
    'zh-CN': '限制验证码请求和猜测次数，防止滥用',
    en: 'Limiting code requests and guesses to prevent abuse',
  },
  legalBasis: securityInterest,
  retention: 'security.rateCounters',
  retainFrom: 'window_start',
  recipients: [],
  columns: {
    // keyed hashes of an identifier or IP address, never the value itself
    bucket: col.text({ category: 'user.network.ip', erase: 'delete-row' }),
    window_start: col.time(),
    count: col.int({ category: 'system.operations' }),
  },
});

export interface SecurityTables {
  security_event: RowOf<typeof securityEventTable>;
  crash_report: RowOf<typeof crashReportTable>;
  notice: RowOf<typeof noticeTable>;
  rate_counter: RowOf<typeof rateCounterTable>;
}
