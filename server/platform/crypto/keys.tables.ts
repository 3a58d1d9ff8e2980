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

export const erasureLogTable = table('erasure_log', {
  store: 'keystore',
  subject: null,
  purpose: {
    'zh-CN': '记录已删除的账号，以便从旧备份恢复时再次执行删除（P8.5）',
    en: 'Remembering erased accounts, so a restore from an older backup erases them again (P8.5)',
  },
  legalBasis: { 'zh-CN': '履行删除义务', en: 'Legal obligation: erasure' },
  retention: 'keys.untilErasure',
  recipients: [],
  columns: {
    // the erased account's id: a tombstone's id, with nothing else left to link it to a person
    account_id: col.id('user.account'),
    erased_at: col.time(),
    receipt_id: col.text({ category: 'system.operations' }),
  },
});

export const backupRecordTable = table('backup_record', {
  store: 'keystore',
  subject: null,
  purpose: {
    'zh-CN': '记录何时做过哪些备份，以便删除回执说明旧备份何时全部清除（P8.5）',
    en: 'Remembering which backups were taken when, so a deletion receipt can say when older backups are all gone (P8.5)',
  },
  legalBasis: { 'zh-CN': '履行删除义务', en: 'Legal obligation: erasure' },
  retention: 'backup.whileKept',
  recipients: [],
  columns: {
    id: col.id(),
    // the backup file's base name, as the operator chose it (or a pg_dump's label): no personal data
    file_name: col.text({ category: 'system.operations' }),
    bytes: col.intNullable({ category: 'system.operations' }),
    taken_at: col.time(),
    // taken_at plus the retention period in force when it was taken
    clears_at: col.time(),
  },
});

export interface KeyStoreSchema {
  data_key: RowOf<typeof dataKeyTable>;
  erasure_log: RowOf<typeof erasureLogTable>;
  backup_record: RowOf<typeof backupRecordTable>;
}
