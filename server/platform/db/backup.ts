import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export class BackupError extends Error {}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/**
 * Backups of the embedded database (P8.5). A backup holds the main database only: the key store
 * stays behind, so a backup never carries the keys that open personal data, and data of a person
 * erased after the backup was taken stays unreadable in it. Restoring puts the main database
 * back; at the next start the erasure log (kept with the keys) erases again everyone erased since.
 */
export async function backupSqlite(databaseFile: string, target: string, onProgress?: (progress: BackupProgress) => void): Promise<{ bytes: number }> {
  if (!fs.existsSync(databaseFile)) throw new BackupError(`There is no database at ${databaseFile}: is DATA_DIR right?`);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const source = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, {
      progress: (info) => {
        onProgress?.(info);
        return 200; // pages per step: a running server keeps getting turns
      },
    });
  } finally {
    source.close();
  }
  fs.chmodSync(target, 0o600);
  return { bytes: fs.statSync(target).size };
}

/** Checks a backup before anything is replaced: a SQLite file, intact, with Lockstep's schema. */
export function verifySqliteBackup(file: string): void {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file at ${file}.`);
  let database: SQLite.Database | undefined;
  try {
    database = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = database.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged (integrity check: ${String(integrity)}); nothing was restored.`);
    const tables = database.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>;
    const names = new Set(tables.map((table) => table.name));
    if (!names.has('kysely_migration') || !names.has('account')) throw new BackupError(`${file} is not a Lockstep backup; nothing was restored.`);
    if (names.has('data_key')) throw new BackupError(`${file} holds a key store: Lockstep backups never do; nothing was restored.`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database (${(error as Error).message}); nothing was restored.`);
  } finally {
    database?.close();
  }
}

/** Replaces the main database with a verified backup. The server must be stopped. */
export function restoreSqlite(backupFile: string, databaseFile: string): void {
  verifySqliteBackup(backupFile);
  const staging = `${databaseFile}.restoring`;
  fs.copyFileSync(backupFile, staging);
  fs.chmodSync(staging, 0o600);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.renameSync(staging, databaseFile);
}
