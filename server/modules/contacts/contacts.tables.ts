import { col, table, type RowOf } from '../../platform/datamap/declare.ts';

/**
 * One side of a contact or of a request between two individual accounts (P2.5, decision 0012):
 * each person's own list holds their contacts (`contact`), the requests they sent (`outgoing`,
 * never listed back to them, so a request cannot tell whether an account exists) and the requests
 * they received (`incoming`). Requests not accepted go 30 days after they were sent; erasing the
 * other person nulls `other_account_id`, and such a row is no longer listed.
 */
export const contactTable = table('contact', {
  subject: { via: 'owner_account_id' },
  purpose: {
    'zh-CN': '联系人：您的好友列表、您发出与收到的好友申请，以及与联系人的聊天（P2.5）',
    en: 'Contacts: your friend list, the contact requests you sent and received, and chats with your contacts (P2.5)',
  },
  legalBasis: { 'zh-CN': '履行您使用联系人服务的合同所必需', en: 'Necessary to provide the contacts service you use' },
  retention: 'contact.requestPending',
  retainFrom: 'pending_since',
  recipients: [{ 'zh-CN': '好友关系或申请的另一方（仅其姓名与打码的手机号或邮箱）', en: 'The other person of the contact or request (only your name and your masked number or address)' }],
  columns: {
    id: col.id('user.friends'),
    owner_account_id: col.ref('account', { category: 'user.friends' }),
    other_account_id: col.refNullable('account', { category: 'user.friends', erase: 'nullify' }),
    // 'contact' | 'outgoing' | 'incoming'
    state: col.text({ category: 'user.friends', erase: 'delete-row' }),
    // when the request was sent, while it waits; null once accepted (the retention clock)
    pending_since: col.timeNullable({ category: 'user.friends' }),
    // when the two became contacts
    since: col.timeNullable({ category: 'user.friends' }),
    created_at: col.time(),
  },
});

export interface ContactTables {
  contact: RowOf<typeof contactTable>;
}
