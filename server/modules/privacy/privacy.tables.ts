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

export interface PrivacyTables {
  erasure_receipt: RowOf<typeof erasureReceiptTable>;
}
