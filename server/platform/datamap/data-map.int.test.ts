import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { declaredTables } from '../../data-map.ts';
import { dataCategories } from './categories.ts';
import { retentionRules } from './retention.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t.close();
});

const strategies = ['shred', 'nullify', 'delete-row', 'keep'];

describe('the data map covers every stored column (P2.7)', () => {
  const tablesOf = async (store: 'main' | 'keystore') => {
    const database = store === 'main' ? t.platform.database.db : t.platform.keystore.db;
    const schema = t.schemas?.[store];
    // a full-text index's own tables (SQLite FTS5), each named by the dialect: index internals
    const indexInternals: readonly string[] = store === 'main' ? t.platform.database.profile.messageSearch.indexTables : [];
    return (await database.introspection.getTables()).filter(
      (table) => !table.name.startsWith('kysely_') && !indexInternals.includes(table.name) && (!schema || table.schema === schema),
    );
  };

  it.each(['main', 'keystore'] as const)('declares exactly the tables and columns the migrated %s database has', async (store) => {
    const actual = (await tablesOf(store))
      .map((table) => ({ name: table.name, columns: table.columns.map((column) => column.name).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const declared = declaredTables()
      .filter((table) => (table.store ?? 'main') === store)
      .map((table) => ({ name: table.name, columns: Object.keys(table.columns).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(actual).toEqual(declared);
  });

  it('leaves out only the search index internals the dialect names, each of which exists', async () => {
    const all = (await t.platform.database.db.introspection.getTables()).map((table) => table.name);
    const internals = t.platform.database.profile.messageSearch.indexTables;
    for (const name of internals) expect(all, name).toContain(name);
    for (const name of internals) expect(declaredTables().map((table) => table.name)).not.toContain(name);
    expect(internals.every((name) => name.startsWith('message_search_'))).toBe(true);
  });

  it('keeps no table of the key store in the main database (backups of it cannot hold keys)', async () => {
    const main = (await tablesOf('main')).map((table) => table.name);
    expect(main).not.toContain('data_key');
  });

  it('gives every column a known category and erase strategy, and every table a purpose, basis and retention', () => {
    for (const table of declaredTables()) {
      expect(retentionRules[table.retention], `${table.name} retention`).toBeDefined();
      // a rule with a period needs the time column it runs from
      if (retentionRules[table.retention].days !== null && (table.store ?? 'main') === 'main') {
        expect(table.columns[table.retainFrom ?? '']?.kind, `${table.name}.retainFrom`).toBe('time');
      }
      expect(table.purpose['zh-CN'] && table.purpose.en, `${table.name} purpose`).toBeTruthy();
      expect(table.legalBasis['zh-CN'] && table.legalBasis.en, `${table.name} legal basis`).toBeTruthy();
      for (const [name, column] of Object.entries(table.columns)) {
        expect(dataCategories[column.category], `${table.name}.${name} category`).toBeDefined();
        expect(strategies, `${table.name}.${name} erase`).toContain(column.erase);
      }
    }
  });

  it('names the subject column of every table that holds personal data about an account', () => {
    for (const table of declaredTables()) {
      if (table.subject) {
        const column = 'via' in table.subject ? table.subject.via : table.subject.viaContactIndex;
        expect(Object.keys(table.columns), table.name).toContain(column);
      }
      const personal = Object.values(table.columns).some((column) => dataCategories[column.category].personal && column.erase !== 'keep');
      // personal rows without a subject must expire on their own
      if (personal && !table.subject) expect(retentionRules[table.retention].days, table.name).not.toBeNull();
    }
  });

  it('stores contact data and IP addresses only as ciphertext or keyed blind index (P7.3)', () => {
    for (const table of declaredTables()) {
      for (const [name, column] of Object.entries(table.columns)) {
        const guarded = column.category.startsWith('user.contact') || column.category === 'user.network.ip' || column.category === 'user.name';
        if (!guarded) continue;
        const isBlindIndex = name.endsWith('_index') || name === 'bucket';
        expect(column.encrypted || isBlindIndex, `${table.name}.${name}`).toBe(true);
      }
    }
  });
});
