import { sql } from 'kysely';
import type { MessageSearchDialect } from '../dialect-profile.ts';

/**
 * A GIN index over the document split into its tokens. The column stays text, as on SQLite, so
 * the table has one row type, the data map one declaration and the writers no dialect at all;
 * only the index and the query below know the split. `fastupdate` gathers new entries in a
 * pending list merged in bulk, so a busy chat's inserts do not each rewrite posting trees.
 * Queries repeat the indexed expression exactly (`' '` inline, never a parameter) or the index
 * is not used.
 */
export const postgresMessageSearch: MessageSearchDialect = {
  indexTables: [],

  joinTokens: (column) => sql<string>`string_agg(${sql.ref(column)}, ' ')`,

  async createIndex(db) {
    await sql`create index message_search_tokens on message_search using gin (string_to_array(tokens, ' ')) with (fastupdate = on)`.execute(db);
  },

  matching(groups, limit) {
    const anyGroup = sql.join(
      groups.map((group) => sql`string_to_array(tokens, ' ') @> ${group}::text[]`),
      sql` or `,
    );
    // matched through the GIN index first: left to itself the planner may walk the primary key
    // newest first and test every document of the database until it has `limit`
    return sql<{ message_id: string }>`
      with found as materialized (select message_id from message_search where ${anyGroup})
      select message_id from found order by message_id collate "C" desc limit ${limit}`;
  },
};
