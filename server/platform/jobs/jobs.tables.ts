import { col, table, type RowOf } from '../datamap/declare.ts';

/**
 * Work that must survive restarts (an erasure after its grace period, the daily retention run).
 * The payload holds ids only, never personal values.
 */
export const jobTable = table('job', {
  subject: { via: 'subject_account_id' },
  purpose: { 'zh-CN': '按时执行删除、保存期限等后台任务', en: 'Running erasures, retention and other background work on time' },
  legalBasis: { 'zh-CN': '履行删除与保存期限义务', en: 'Legal obligation: erasure and retention' },
  retention: 'jobs.finished',
  retainFrom: 'finished_at',
  recipients: [],
  columns: {
    id: col.id(),
    kind: col.text({ category: 'system.operations' }),
    subject_account_id: col.refNullable('account', { category: 'user.account', erase: 'delete-row' }),
    run_at: col.time(),
    status: col.text({ category: 'system.operations' }),
    attempts: col.int({ category: 'system.operations' }),
    // a failure kind from a closed set (platform/failure-kind.ts), never an error message
    last_error: col.textNullable({ category: 'system.operations' }),
    locked_until: col.timeNullable(),
    created_at: col.time(),
    finished_at: col.timeNullable(),
  },
});

export interface JobTables {
  job: RowOf<typeof jobTable>;
}
