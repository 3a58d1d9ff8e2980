import { sql } from 'kysely';
import type { MessageSearchDialect } from '../dialect-profile.ts';

const FTS = 'message_search_fts';

/**
 * An FTS5 index over `message_search` that keeps no copy of the documents (external content:
 * the tokens live once, in message_search) and no positions or lengths (detail=none,
 * columnsize=0): a search only asks which documents hold every token of a group. The tokenizer
 * keeps base64url's `-` and `_` inside a token; it folds ASCII case, which leaves a 22-character
 * token about 115 bits, far from any collision.
 *
 * Triggers keep the index in step with every write to message_search, the erasure engine's
 * among them. `secure-delete` makes a removed document's entries leave the index's pages at
 * once instead of being masked by a delete marker until a merge: a recalled or erased message
 * leaves nothing behind. The index finds rows by rowid; SQLite keeps rowids through VACUUM
 * (chat.int.test.ts checks the index still answers after one).
 */
export const sqliteMessageSearch: MessageSearchDialect = {
  indexTables: [FTS, `${FTS}_config`, `${FTS}_data`, `${FTS}_idx`],

  joinTokens: (column) => sql<string>`group_concat(${sql.ref(column)}, ' ')`,

  async createIndex(db) {
    await sql`create virtual table message_search_fts using fts5(
      tokens, content = 'message_search', content_rowid = 'rowid', detail = none, columnsize = 0, tokenize = "ascii tokenchars '-_'"
    )`.execute(db);
    await sql`create trigger message_search_fts_insert after insert on message_search begin
      insert into message_search_fts (rowid, tokens) values (new.rowid, new.tokens);
    end`.execute(db);
    await sql`create trigger message_search_fts_delete after delete on message_search begin
      insert into message_search_fts (message_search_fts, rowid, tokens) values ('delete', old.rowid, old.tokens);
    end`.execute(db);
    await sql`create trigger message_search_fts_update after update on message_search begin
      insert into message_search_fts (message_search_fts, rowid, tokens) values ('delete', old.rowid, old.tokens);
      insert into message_search_fts (rowid, tokens) values (new.rowid, new.tokens);
    end`.execute(db);
    await sql`insert into message_search_fts (message_search_fts, rank) values ('secure-delete', 1)`.execute(db);
    await sql`insert into message_search_fts (message_search_fts) values ('rebuild')`.execute(db);
  },

  matching(groups, limit) {
    // every token a quoted string: `-` is an operator outside quotes; base64url holds no `"`
    const expression = groups.map((group) => `(${group.map((token) => `"${token.replaceAll('"', '""')}"`).join(' AND ')})`).join(' OR ');
    return sql<{ message_id: string }>`
      select s.message_id from message_search_fts
      join message_search s on s.rowid = message_search_fts.rowid
      where message_search_fts match ${expression}
      order by s.message_id desc
      limit ${limit}`;
  },
};
