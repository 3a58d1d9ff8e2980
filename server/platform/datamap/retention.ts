import type { Localised } from './categories.ts';

/**
 * Retention rules (P6.2): how long each kind of record is kept. The scheduled retention job
 * reads `days`; the privacy notice prints `description`.
 */
export interface RetentionRule {
  description: Localised;
  /** delete this long after the record's reference time; null while the account exists */
  days: number | null;
}

export const retentionRules = {
  'account.whileActive': {
    description: { 'zh-CN': '账号存续期间保存；注销后删除或匿名化', en: 'Kept while the account exists; deleted or anonymised when it is cancelled' },
    days: null,
  },
  'otp.short': {
    description: { 'zh-CN': '签发后 1 天删除', en: 'Deleted 1 day after it was issued' },
    days: 1,
  },
  'session.afterEnd': {
    description: { 'zh-CN': '会话结束后 30 天删除', en: 'Deleted 30 days after the session ends' },
    days: 30,
  },
  'security.events': {
    description: { 'zh-CN': '记录后 180 天删除', en: 'Deleted 180 days after it was recorded' },
    days: 180,
  },
  'security.crash': {
    description: { 'zh-CN': '收到后 30 天删除', en: 'Deleted 30 days after it was received' },
    days: 30,
  },
  'security.rateCounters': {
    description: { 'zh-CN': '计数窗口结束后 1 天删除', en: 'Deleted 1 day after the counting window ends' },
    days: 1,
  },
  'notice.afterRead': {
    description: { 'zh-CN': '发出后 90 天删除', en: 'Deleted 90 days after it was sent' },
    days: 90,
  },
  'outbox.dev': {
    description: { 'zh-CN': '仅开发模式；发出后 1 天删除', en: 'Development mode only; deleted 1 day after it was sent' },
    days: 1,
  },
  'keys.untilErasure': {
    description: { 'zh-CN': '直到其所保护的数据被删除（随即销毁）', en: 'Until the data it protects is erased, then destroyed' },
    days: null,
  },
  'catalogue.public': {
    description: { 'zh-CN': '公开信息，由运营方维护', en: 'Public information, kept by the operator' },
    days: null,
  },
} as const satisfies Record<string, RetentionRule>;

export type RetentionKey = keyof typeof retentionRules;
