import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Database } from '../../database.ts';
import { declaredTables } from '../../data-map.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import type { KeyStoreSchema } from '../../platform/crypto/keys.tables.ts';
import { hmacHex } from '../../platform/crypto/derived-keys.ts';
import { KeyDestroyedError } from '../../platform/crypto/envelope.ts';
import { SWITCH_MS } from '../../platform/crypto/blind-index.ts';
import { SETTLE_MS } from './contact-index-rotation.ts';
import type { ReceiptSigner } from '../../platform/crypto/receipt-signer.ts';
import type { DialectProfile } from '../../platform/db/dialect-profile.ts';
import type { BackupLedger } from '../../platform/db/backup-ledger.ts';
import { accessEnded, type EventBus } from '../../platform/bus/event-bus.ts';
import type { TableSpec } from '../../platform/datamap/declare.ts';
import { rowsOfSubject, type Row } from './subject-graph.ts';
import { deletesRows, eraseRows, unlinkFromOthers, type ErasureOutcome, removeBlobs } from './erase-rows.ts';

/** Key scopes that belong to one person; system keys protect many people and are never destroyed here. */
const PERSONAL_KEY_SCOPES = new Set(['account', 'member', 'otp']);

export type { ErasureOutcome };

export interface Receipt {
  receiptId: string;
  issuedAt: string;
  subject: string;
  erased: ErasureOutcome[];
  keysDestroyed: string[];
  recipientsNotified: Array<{ recipient: string; notifiedAt: string }>;
  backups: BackupsPending;
  contactIndexes: ContactIndexesPending;
}

/**
 * What a receipt says of the email and phone indexes in backups taken before the erasure
 * (decision 0016): they were made under the blind-index keys in use now, which the key store
 * keeps until the live records are re-indexed under a key made after this erasure.
 */
export interface ContactIndexesPending {
  /** the blind-index keys in use at the erasure: each is destroyed when the rotation it awaits ends */
  keysInUse: string[];
  /** the last of the keys above is destroyed no earlier than this (the next rotation's switch and settling time) */
  destroyedNotBefore: string;
  /** whether indexes made before epoch keys existed (under a key derived from the KEK) were still live */
  legacyKeyInUse: boolean;
  statement: string;
}

/** What a receipt says of backups taken before the erasure (P8.5), from the backup ledger. */
export interface BackupsPending {
  containKeys: false;
  /** backups taken before the erasure that are still kept */
  takenBeforeErasure: number;
  /** when the last of those is deleted (taken + the backup retention period); null when none */
  lastClearsAt: string | null;
  retentionDays: number;
  statement: string;
}

export interface ErasureResult {
  receipt: Receipt;
  signature: string;
  /** the one-time link's secret: shown to the person once, stored only hashed */
  receiptToken: string;
}

/**
 * Erasure driven by the data map (P6.2, P8.3–P8.5). For every row that is the person's data it
 * applies each column's strategy: tables with a `delete-row` column lose the rows; elsewhere
 * `nullify` and nullable `shred` columns are cleared and the table's `erasedValues` set (a
 * tombstone keeps its id so others' records stay whole). Then the person's data keys are
 * destroyed, which makes every copy of what they sealed unreadable, backups included; the WAL is
 * checkpointed; the erasure is logged in the key store (so a restore re-applies it) and a signed
 * receipt is written. Running it again for the same person is harmless.
 */
export class ErasureService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      keystore: Kysely<KeyStoreSchema>;
      blindIndex: BlindIndex;
      profile: DialectProfile;
      envelope: Envelope;
      signer: ReceiptSigner;
      backups: BackupLedger;
      blobs: BlobStore;
      pseudonymKey: Buffer;
      clock: Clock;
      logger: Logger;
      /** where the end of the person's sessions and memberships is announced: every server stops delivering to them */
      bus: EventBus;
    },
  ) {}

  async erase(accountId: string, tables: TableSpec[] = declaredTables()): Promise<ErasureResult> {
    // during a blind-index rotation the person's codes may be under another epoch than their account
    const graph = await rowsOfSubject(this.deps.db, accountId, tables, undefined, await this.contactIndexesOf(accountId));
    const keyIds = graph.flatMap(({ table, rows }) => keyColumnsOf(table).flatMap((column) => rows.map((row) => row[column] as string | null))).filter((id): id is string => !!id);
    const scopes = await this.deps.envelope.scopes(keyIds);
    const personalKeys = [...scopes.entries()].filter(([, key]) => PERSONAL_KEY_SCOPES.has(key.scope)).map(([id]) => id);

    const outcomes: ErasureOutcome[] = [];
    await this.deps.db.transaction().execute(async (trx) => {
      // rows that are deleted go first: they may point at rows that stay as tombstones
      const ordered = [...graph].sort((a, b) => Number(deletesRows(b.table)) - Number(deletesRows(a.table)));
      for (const { table, rows } of ordered) {
        if (rows.length === 0) continue;
        outcomes.push(await eraseRows(trx, table, rows));
      }
      await unlinkFromOthers(trx, new Map(graph.map(({ table, rows }) => [table.name, rows])), tables);
    });
    // their sessions and memberships are gone with the rows: sockets still open close now
    await this.deps.bus.publish(accessEnded(accountId, 'all'));
    for (const { table, rows } of graph) await removeBlobs(this.deps.blobs, table, rows);
    for (const keyId of personalKeys) await this.deps.envelope.destroyKey(keyId);
    await this.deps.profile.checkpoint();

    const receipt: Receipt = {
      receiptId: randomUUID(),
      issuedAt: new Date(this.deps.clock.now()).toISOString(),
      subject: hmacHex(this.deps.pseudonymKey, 'erased-account', accountId),
      erased: outcomes.sort((a, b) => a.table.localeCompare(b.table)),
      keysDestroyed: personalKeys.sort(),
      // third-party apps get deletion notices once the app store exists; none has received data yet
      recipientsNotified: [],
      backups: await this.backupsPending(),
      contactIndexes: await this.contactIndexesPending(),
    };
    const body = JSON.stringify(receipt);
    const signature = this.deps.signer.sign(body);
    const receiptToken = randomBytes(32).toString('base64url');
    await this.deps.db
      .insertInto('erasure_receipt')
      .values({ id: receipt.receiptId, token_hash: sha256(receiptToken), body, signature, created_at: this.deps.clock.now(), fetched_at: null })
      .execute();
    await this.deps.keystore
      .insertInto('erasure_log')
      .values({ account_id: accountId, erased_at: this.deps.clock.now(), receipt_id: receipt.receiptId })
      .onConflict((conflict) => conflict.column('account_id').doUpdateSet({ erased_at: this.deps.clock.now(), receipt_id: receipt.receiptId }))
      .execute();
    this.deps.logger.info({ receiptId: receipt.receiptId, tables: outcomes.length, keys: personalKeys.length }, 'erasure completed');
    return { receipt, signature, receiptToken };
  }

  private async backupsPending(): Promise<BackupsPending> {
    const { count, lastClearsAt } = await this.deps.backups.pendingBefore(this.deps.clock.now());
    const retentionDays = this.deps.backups.retention;
    const unreadable = 'Backups hold the main database only, never the keys: the keys that opened this person’s data were destroyed, so no backup copy of it can be read. A backup restored later has this erasure applied again.';
    const statement = count
      ? `${count} backup${count === 1 ? '' : 's'} taken before this erasure still exist${count === 1 ? 's' : ''} and may hold this person’s data as ciphertext; the last of them is deleted by ${new Date(lastClearsAt!).toISOString()} (backups are kept ${retentionDays} days). ${unreadable}`
      : `No backup taken before this erasure is still kept (backups are kept ${retentionDays} days). ${unreadable}`;
    return { containKeys: false, takenBeforeErasure: count, lastClearsAt: lastClearsAt === null ? null : new Date(lastClearsAt).toISOString(), retentionDays, statement };
  }

  private async contactIndexesPending(): Promise<ContactIndexesPending> {
    const epochs = await this.deps.blindIndex.epochs(true);
    const now = this.deps.clock.now();
    const destroyedNotBefore = new Date(now + SWITCH_MS + SETTLE_MS).toISOString();
    const legacyKeyInUse = epochs.some((epoch) => epoch.number === 0);
    const legacy = legacyKeyInUse
      ? ' Indexes made before this version of Lockstep were under a key derived from the master key (KEK), which cannot be destroyed: backups taken before the upgrade stay testable by whoever holds the KEK until those backups are deleted.'
      : '';
    const statement =
      `This person’s email and phone indexes in backups taken before this erasure were made under ${epochs.length === 1 ? 'the index key' : 'one of the index keys'} ${epochs.map((epoch) => epoch.keyId).join(', ')}. ` +
      `The key store keeps ${epochs.length === 1 ? 'it' : 'them'} until the live records are re-indexed under a key made after this erasure (a job checked every minute), then destroys ${epochs.length === 1 ? 'it' : 'them'}; ${epochs.length === 1 ? 'that is' : 'the last of them goes'} no earlier than ${destroyedNotBefore}. ` +
      'Until then, someone holding such a backup and the live keys could test a guessed address of this person against it; afterwards no key that exists can. ' +
      'Their device identifiers and message search entries were made under their own keys, destroyed with this erasure.' +
      legacy;
    return { keysInUse: epochs.map((epoch) => epoch.keyId), destroyedNotBefore, legacyKeyInUse, statement };
  }

  /** The person's addresses' indexes under every live epoch, from their sealed values. */
  private async contactIndexesOf(accountId: string): Promise<string[]> {
    const account = await this.deps.db.selectFrom('account').select(['id', 'email_enc', 'phone_enc']).where('id', '=', accountId).executeTakeFirst();
    if (!account) return [];
    const indexes: string[] = [];
    for (const [column, kind] of [['email_enc', 'email'], ['phone_enc', 'phone']] as const) {
      const sealed = account[column];
      if (!sealed) continue;
      try {
        indexes.push(...(await this.deps.blindIndex.candidates(kind, await this.deps.envelope.openText(sealed, `account.${column}:${accountId}`))));
      } catch (error) {
        if (!(error instanceof KeyDestroyedError)) throw error; // erased before: the stored indexes are all there is
      }
    }
    return indexes;
  }

  /** After a restore from a backup: erase again everyone the key store says was erased. */
  async reapplyErasureLog(): Promise<number> {
    const logged = await this.deps.keystore.selectFrom('erasure_log').select('account_id').execute();
    let reapplied = 0;
    for (const { account_id } of logged) {
      const account = await this.deps.db.selectFrom('account').select('status').where('id', '=', account_id).executeTakeFirst();
      if (!account || account.status === 'erased') continue;
      await this.erase(account_id);
      reapplied++;
    }
    return reapplied;
  }

  /** The one-time link: the receipt once, then never again. */
  async fetchReceipt(token: string): Promise<{ body: string; signature: string } | null> {
    const row = await this.deps.db.selectFrom('erasure_receipt').select(['id', 'body', 'signature']).where('token_hash', '=', sha256(token)).where('fetched_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const claimed = await this.deps.db.updateTable('erasure_receipt').set({ fetched_at: this.deps.clock.now() }).where('id', '=', row.id).where('fetched_at', 'is', null).executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1 ? { body: row.body, signature: row.signature } : null;
  }
}

export function keyColumnsOf(table: TableSpec): string[] {
  return Object.entries(table.columns).filter(([, column]) => column.references === 'data_key').map(([name]) => name);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
