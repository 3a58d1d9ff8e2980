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
    description: { 'zh-CN': '会话最迟到期（登录后 15 天）后 30 天删除', en: 'Deleted 30 days after the session’s latest possible end (15 days after sign-in)' },
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
  'org.whileExists': {
    description: { 'zh-CN': '组织存续期间保存；组织删除时删除', en: 'Kept while the organisation exists; deleted with it' },
    days: null,
  },
  'member.afterLeaving': {
    description: {
      'zh-CN': '成员在职期间保存；离开或被移出组织、或邀请被拒绝或撤回后 30 天删除',
      en: 'Kept while you are a member; deleted 30 days after you leave or are removed, or after an invitation is declined or withdrawn',
    },
    days: 30,
  },
  'correction.afterDecision': {
    description: { 'zh-CN': '处理完成后 1 年删除', en: 'Deleted 1 year after it was decided' },
    days: 365,
  },
  'org.audit': {
    description: { 'zh-CN': '记录后 1 年删除', en: 'Deleted 1 year after it was recorded' },
    days: 365,
  },
  'receipt.year': {
    description: { 'zh-CN': '签发后 1 年删除', en: 'Deleted 1 year after it was issued' },
    days: 365,
  },
  'jobs.finished': {
    description: { 'zh-CN': '任务完成后 30 天删除', en: 'Deleted 30 days after the job finished' },
    days: 30,
  },
  'policy.published': {
    description: { 'zh-CN': '所有版本长期公开可读', en: 'Every version stays published and readable' },
    days: null,
  },
  'request.afterClosed': {
    description: { 'zh-CN': '处理完成后 3 年删除（用于证明按时答复）', en: 'Deleted 3 years after it was closed (proof of a timely answer)' },
    days: 3 * 365,
  },
  'contact.requestPending': {
    description: {
      'zh-CN': '好友关系在双方保持期间保存，任一方删除即删除；未被接受的好友申请在发出 30 天后删除',
      en: 'A contact is kept while both keep it and deleted when either removes it; a request not accepted is deleted 30 days after it was sent',
    },
    days: 30,
  },
  'chat.whileMember': {
    description: {
      'zh-CN': '您在会话中期间保存；离开后删除您的成员记录，会话本身在最后一位成员离开后删除',
      en: 'Kept while you are in the chat; your membership record is deleted when you leave, the chat itself when its last member leaves',
    },
    days: null,
  },
  'message.untilRecalled': {
    description: {
      'zh-CN': '会话存续期间保存；撤回时立即删除内容，账号注销时随其密钥销毁',
      en: 'Kept while the chat exists; the content is erased at once when recalled, and destroyed with the sender’s key when their account is erased',
    },
    days: null,
  },
  'export.untilLinkExpires': {
    description: {
      'zh-CN': '下载链接到期时删除（默认在文件准备好后 24 小时）；注销账号时立即删除',
      en: 'Deleted when its download link expires (by default 24 hours after the file is ready), and at once when the account is erased',
    },
    days: 0,
  },
  'backup.whileKept': {
    description: {
      'zh-CN': '只记录备份的时间与文件名；在备份的保存期限届满后删除',
      en: 'Only the time and file name of each backup; deleted once the backup’s retention period has passed',
    },
    days: null,
  },
  'attachment.untilRecalled': {
    description: {
      'zh-CN': '会话存续期间保存；撤回消息时立即删除；上传后 24 小时内未发送的文件随即删除',
      en: 'Kept while the chat exists; deleted at once when its message is recalled; a file uploaded and not sent within 24 hours is deleted',
    },
    days: null,
  },
  'catalogue.public': {
    description: { 'zh-CN': '公开信息，由运营方维护', en: 'Public information, kept by the operator' },
    days: null,
  },
} as const satisfies Record<string, RetentionRule>;

export type RetentionKey = keyof typeof retentionRules;
