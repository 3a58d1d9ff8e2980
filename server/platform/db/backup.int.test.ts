import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dialect, startTestPlatform } from '../../../test/harness.ts';
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
