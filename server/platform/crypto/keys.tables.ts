import { col, table, type RowOf } from '../datamap/declare.ts';

export const dataKeyTable = table('data_key', {
  // kept in its own database, apart from the main one and its backups (decision 0008)
  store: 'keystore',
  subject: null,
  purpose: { 'zh-CN': '加密静态存储的个人信息', en: 'Encrypting personal information at rest' },
  legalBasis: { 'zh-CN': '履行安全保障义务', en: 'Security obligation' },
  retention: 'keys.untilErasure',
  recipients: [],
  columns: {
    id: col.id('system.keys'),
    scope: col.text({ category: 'system.keys' }),
    owner_id: col.textNullable({ category: 'system.keys' }),
    wrapped: col.bytes({ category: 'system.keys' }),
    created_at: col.time(),
    destroyed_at: col.timeNullable(),
  },
});

export interface KeyStoreSchema {
  data_key: RowOf<typeof dataKeyTable>;
}
