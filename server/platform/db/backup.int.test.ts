import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dialect, postgresUrl, startTestPlatform } from '../../../test/harness.ts';
import { DAY } from '../clock.ts';
import { BackupError, backupSqlite, restoreSqlite, verifySqliteBackup } from './backup.ts';

/**
 * Backups hold the main database only (P8.5): restoring one taken before an erasure brings back
 * nothing readable of the erased person, and the next start erases them again.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-backup-'));
const env = { DATA_DIR: dataDir, LOCKSTEP_KEK: randomBytes(32).toString('base64') };
const database = path.join(dataDir, 'lockstep.db');
const backupFile = path.join(dataDir, 'backups', 'before-erasure.db');

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(dialect === 'sqlite')('backup and restore of the embedded database', () => {
  it('restores a backup taken before an erasure with the erasure applied again', async () => {
    const first = await startTestPlatform(env);
    const person = await first.signIn('backup.person@example.com', { name: 'Backup Canary Name' });
    const { bytes } = await backupSqlite(database, backupFile);
    expect(bytes).toBeGreaterThan(0);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    await first.services.erasure.erase(person.accountId);
    await first.close();

    restoreSqlite(backupFile, database);
    const second = await startTestPlatform(env);
    try {
      const account = await second.platform.database.db.selectFrom('account').selectAll().where('id', '=', person.accountId).executeTakeFirstOrThrow();
      expect(account.status).toBe('erased');
      expect(account.email_index).toBeNull();
      // the name's ciphertext came back with the backup, but its key did not
      await expect(second.services.envelope.open(account.name_enc, `account.name_enc:${account.id}`)).rejects.toThrow(/destroyed/);
      expect(second.logs.join('\n')).toContain('re-applied erasures');
    } finally {
      await second.close();
    }
  });

  it('never writes over an existing file, and refuses damaged or foreign files before touching anything', async () => {
    await expect(backupSqlite(database, backupFile)).rejects.toBeInstanceOf(BackupError);
    const damaged = path.join(dataDir, 'damaged.db');
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\u0000'), randomBytes(4096)]));
    expect(() => verifySqliteBackup(damaged)).toThrow(BackupError);
    const text = path.join(dataDir, 'notes.txt');
    fs.writeFileSync(text, 'not a database');
    expect(() => restoreSqlite(text, database)).toThrow(BackupError);
    expect(() => verifySqliteBackup(path.join(dataDir, 'keys', 'keystore.db'))).toThrow(/key store|not a Lockstep backup/);
    // the live database is still the restored one, untouched by the refusals
    expect(() => verifySqliteBackup(database)).not.toThrow();
  });
});

/** `lockstep …` as an operator runs it, with this test's data directory and key. */
function lockstep(extraEnv: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = fileURLToPath(new URL('../../../bin/lockstep.js', import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, NODE_ENV: 'test', ...env, ...extraEnv }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('backups pending in deletion receipts (P8.5)', () => {
  it('counts the backups taken before an erasure that are still kept, and says when the last is gone', async () => {
    const t = await startTestPlatform({ LOCKSTEP_BACKUP_RETENTION_DAYS: '10' });
    try {
      const eraseSomeone = async (email: string) => {
        const person = await t.signIn(email, { name: 'Ledger Person' });
        return (await t.services.erasure.erase(person.accountId)).receipt.backups;
      };
      // no backup yet: the receipt says so rather than promising anything
      const none = await eraseSomeone('ledger.none@example.com');
      expect(none).toMatchObject({ containKeys: false, takenBeforeErasure: 0, lastClearsAt: null, retentionDays: 10 });
      expect(none.statement).toMatch(/^No backup taken before this erasure is still kept \(backups are kept 10 days\)\..*destroyed/);

      const first = await t.services.backups.record('/srv/backups/monday.db', 4096);
      t.clock.advance(3 * DAY);
      const second = await t.services.backups.record('tuesday.db', 4096);
      t.clock.advance(DAY);
      const two = await eraseSomeone('ledger.two@example.com');
      expect(two).toMatchObject({ takenBeforeErasure: 2, lastClearsAt: new Date(second.clearsAt).toISOString() });
      expect(second.clearsAt - first.clearsAt).toBe(3 * DAY);
      expect(two.statement).toContain(`2 backups taken before this erasure still exist and may hold this person’s data as ciphertext; the last of them is deleted by ${new Date(second.clearsAt).toISOString()}`);
      expect(two.statement).toMatch(/cannot|no backup copy of it can be read/);
      const stored = await t.platform.keystore.db.selectFrom('backup_record').select('file_name').orderBy('taken_at').execute();
      expect(stored.map((row) => row.file_name)).toEqual(['monday.db', 'tuesday.db']);

      // a backup taken after the erasure is no copy of the erased person
      const erasedAt = t.clock.now();
      t.clock.advance(DAY);
      await t.services.backups.record('thursday.db', null);
      expect((await t.services.backups.pendingBefore(erasedAt)).count).toBe(2);

      // past its retention period the first backup is gone: it is no longer counted, and forgotten
      t.clock.advance(6 * DAY);
      const later = await eraseSomeone('ledger.later@example.com');
      expect(later).toMatchObject({ takenBeforeErasure: 2, lastClearsAt: new Date(erasedAt + DAY + 10 * DAY).toISOString() });
      expect(await t.services.backups.prune()).toBe(1);
      expect((await t.platform.keystore.db.selectFrom('backup_record').select('file_name').execute()).map((row) => row.file_name).sort()).toEqual(['thursday.db', 'tuesday.db']);
    } finally {
      await t.close();
    }
  });

  it.runIf(dialect === 'sqlite')('`lockstep backup` records each backup it takes, with no personal data', async () => {
    const target = path.join(dataDir, 'backups', 'from-the-cli.db');
    const taken = await lockstep({ LOCKSTEP_BACKUP_RETENTION_DAYS: '7' }, 'backup', target);
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toMatch(/Backed up the database to .*from-the-cli\.db/);
    expect(taken.stdout).toMatch(/deletion receipts count it until \d{4}-\d{2}-\d{2} \(LOCKSTEP_BACKUP_RETENTION_DAYS=7\)/);
    // a backup taken by other means, recorded by hand
    expect((await lockstep({}, 'backup', 'pg-dump-2026-11-02.sql', '--record-only')).code).toBe(0);
    // a failed backup is not recorded
    expect((await lockstep({}, 'backup', target)).code).toBe(1);

    const t = await startTestPlatform(env);
    try {
      const records = await t.platform.keystore.db.selectFrom('backup_record').selectAll().orderBy('taken_at').execute();
      expect(records.map((record) => record.file_name)).toEqual(['from-the-cli.db', 'pg-dump-2026-11-02.sql']);
      expect(records[0]!.bytes).toBe(fs.statSync(target).size);
      expect(records[0]!.clears_at - records[0]!.taken_at).toBe(7 * DAY);
    } finally {
      await t.close();
    }
  }, 60_000);

  it.runIf(dialect === 'postgres')('`lockstep backup` on PostgreSQL points to pg_dump and to recording it', async () => {
    const refused = await lockstep({ DATABASE_URL: postgresUrl }, 'backup', 'anything.sql');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--record-only');
  }, 60_000);
});
