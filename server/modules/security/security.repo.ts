import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../database.ts';

export type SecurityEventRow = Selectable<Database['security_event']>;
export type NoticeRow = Selectable<Database['notice']>;

export class SecurityRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insertEvent(row: SecurityEventRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('security_event').values(row).execute();
  }

  async eventsOf(accountId: string, limit: number): Promise<SecurityEventRow[]> {
    return this.db
      .selectFrom('security_event')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async insertCrash(row: Selectable<Database['crash_report']>): Promise<void> {
    await this.db.insertInto('crash_report').values(row).execute();
  }

  async insertNotice(row: NoticeRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('notice').values(row).execute();
  }

  async noticesOf(accountId: string, limit: number): Promise<NoticeRow[]> {
    return this.db
      .selectFrom('notice')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async markNoticeRead(accountId: string, noticeId: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('notice')
      .set({ read_at: at })
      .where('id', '=', noticeId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
