import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Database } from '../../database.ts';
import { declaredTables } from '../../data-map.ts';
import type { Clock } from '../../platform/clock.ts';
import type { KeyStoreSchema } from '../../platform/crypto/keys.tables.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { ReceiptSigner } from '../../platform/crypto/receipt-signer.ts';
import type { DialectProfile } from '../../platform/db/dialect-profile.ts';
import type { TableSpec } from '../../platform/datamap/declare.ts';
import { dataCategories } from '../../platform/datamap/categories.ts';
import type { ErasureService } from './erasure.service.ts';

export interface DecommissionReceipt {
  issuedAt: string;
  accountsErased: number;
  rowsDeleted: Record<string, number>;
  keysDestroyed: number;
  kept: string[];
  statement: string;
}

/**
 * When the service stops for good (P6.2): every person is erased as by the erasure engine, then
 * every row of every table that holds personal data is deleted, children before parents, and
 * every data key is destroyed, so what any backup holds can no longer be read. Tables with no
 * personal data (the product catalogue, the published policy) are kept and named in the receipt.
 */
export class DecommissionService {
  constructor(
    private readonly deps: {
      blobs: BlobStore;
      db: Kysely<Database>;
      keystore: Kysely<KeyStoreSchema>;
      profile: DialectProfile;
      envelope: Envelope;
      erasure: ErasureService;
      signer: ReceiptSigner;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  async run(onProgress?: (done: number, total: number) => void): Promise<{ receipt: DecommissionReceipt; signature: string }> {
    const accounts = await this.deps.db.selectFrom('account').select('id').where('status', '!=', 'erased').execute();
    let done = 0;
    for (const { id } of accounts) {
      await this.deps.erasure.erase(id);
      onProgress?.(++done, accounts.length);
    }

    const tables = declaredTables().filter((table) => (table.store ?? 'main') === 'main');
    const personal = tables.filter((table) => Object.values(table.columns).some((column) => dataCategories[column.category].personal));
    const rowsDeleted: Record<string, number> = {};
    await this.deps.db.transaction().execute(async (trx) => {
      // table names come from the data map, never from input
      const dynamic = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
      for (const table of deletionOrder(personal)) {
        const result = await dynamic.deleteFrom(table.name).executeTakeFirst();
        rowsDeleted[table.name] = Number(result.numDeletedRows);
      }
    });

    // every file goes too, ciphertext included
    for (const id of await this.deps.blobs.list()) await this.deps.blobs.delete(id);

    const keys = await this.deps.keystore.selectFrom('data_key').select('id').where('destroyed_at', 'is', null).execute();
    for (const { id } of keys) await this.deps.envelope.destroyKey(id);
    await this.deps.profile.checkpoint();

    const receipt: DecommissionReceipt = {
      issuedAt: new Date(this.deps.clock.now()).toISOString(),
      accountsErased: accounts.length,
      rowsDeleted,
      keysDestroyed: keys.length,
      kept: tables.filter((table) => !personal.includes(table)).map((table) => table.name),
      statement: 'Every person was erased, every table holding personal data emptied, and every data key destroyed: no backup of this deployment can be read.',
    };
    this.deps.logger.warn({ accounts: accounts.length, keys: keys.length }, 'deployment decommissioned');
    return { receipt, signature: this.deps.signer.sign(JSON.stringify(receipt)) };
  }
}

/** Tables ordered so that a row is deleted before any row it points at. */
function deletionOrder(tables: TableSpec[]): TableSpec[] {
  const names = new Set(tables.map((table) => table.name));
  const ordered: TableSpec[] = [];
  const visiting = new Set<string>();
  const placed = new Set<string>();
  const byName = new Map(tables.map((table) => [table.name, table]));
  // a table is placed after every table that references it
  const referencedBy = (name: string) => tables.filter((table) => table.name !== name && Object.values(table.columns).some((column) => column.references === name));
  const visit = (table: TableSpec) => {
    if (placed.has(table.name) || visiting.has(table.name)) return;
    visiting.add(table.name);
    for (const child of referencedBy(table.name)) visit(child);
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(byName.get(table.name)!);
  return ordered.filter((table) => names.has(table.name));
}
