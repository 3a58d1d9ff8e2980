import { sql } from 'kysely';
import type { MigrationStep } from '../migrate.ts';

/**
 * Contacts between individual accounts (decision 0012): each side's row of a pair or a request,
 * the kind of an organisation (the one `contacts` space holds chats between contacts), and when a
 * direct chat between people who stopped being contacts closed.
 */
export const contacts: MigrationStep = async (db) => {
  await db.schema.alterTable('organisation').addColumn('kind', 'text', (c) => c.notNull().defaultTo('company')).execute();
  // one contacts space a deployment, even when two servers create it at the same moment
  await db.schema.createIndex('organisation_one_contacts_space').on('organisation').column('kind').unique().where(sql<boolean>`kind = 'contacts'`).execute();
  await db.schema.alterTable('conversation').addColumn('closed_at', 'bigint').execute();

  await db.schema
    .createTable('contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('other_account_id', 'text', (c) => c.references('account.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pending_since', 'bigint')
    .addColumn('since', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_pair').on('contact').columns(['owner_account_id', 'other_account_id']).unique().execute();
  await db.schema.createIndex('contact_other').on('contact').column('other_account_id').execute();
};
