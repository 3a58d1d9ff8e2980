import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../database.ts';

export type ContactRow = Selectable<Database['contact']>;
export type ContactState = 'contact' | 'outgoing' | 'incoming';

/** All SQL of contacts: each person's side of their pairs and requests. */
export class ContactsRepo {
  constructor(readonly db: Kysely<Database>) {}

  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** A person's rows of one state whose other side still exists (not erased), oldest first. */
  listed(ownerAccountId: string, state: ContactState): Promise<ContactRow[]> {
    return this.db
      .selectFrom('contact')
      .innerJoin('account', 'account.id', 'contact.other_account_id')
      .selectAll('contact')
      .where('contact.owner_account_id', '=', ownerAccountId)
      .where('contact.state', '=', state)
      .where('account.status', '!=', 'erased')
      .orderBy('contact.created_at')
      .execute();
  }

  side(ownerAccountId: string, otherAccountId: string, executor: Kysely<Database> = this.db): Promise<ContactRow | undefined> {
    return executor.selectFrom('contact').selectAll().where('owner_account_id', '=', ownerAccountId).where('other_account_id', '=', otherAccountId).executeTakeFirst();
  }

  byId(ownerAccountId: string, id: string, executor: Kysely<Database> = this.db): Promise<ContactRow | undefined> {
    return executor.selectFrom('contact').selectAll().where('owner_account_id', '=', ownerAccountId).where('id', '=', id).executeTakeFirst();
  }

  /** Which of these accounts are this person's contacts. */
  async contactsAmong(ownerAccountId: string, otherAccountIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let start = 0; start < otherAccountIds.length; start += 500) {
      const rows = await this.db
        .selectFrom('contact')
        .select('other_account_id')
        .where('owner_account_id', '=', ownerAccountId)
        .where('state', '=', 'contact')
        .where('other_account_id', 'in', otherAccountIds.slice(start, start + 500))
        .execute();
      for (const row of rows) if (row.other_account_id) found.add(row.other_account_id);
    }
    return found;
  }

  async insert(rows: ContactRow[], executor: Kysely<Database>): Promise<void> {
    await executor.insertInto('contact').values(rows).execute();
  }

  async update(id: string, changes: Updateable<Database['contact']>, executor: Kysely<Database>): Promise<void> {
    await executor.updateTable('contact').set(changes).where('id', '=', id).execute();
  }

  async delete(ids: string[], executor: Kysely<Database>): Promise<void> {
    if (ids.length) await executor.deleteFrom('contact').where('id', 'in', ids).execute();
  }
}
