import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
// small and free of server imports (only types), so --help stays light
import { erasePerson, ErasureRefused, erasureTarget as erasureTargetOf, type ErasureTarget } from './erase-person.ts';

/**
 * `lockstep`: the operator's command line. Commands import the server, the database and the data
 * map only when they run, so `--help` answers without loading them.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const privacyFile = path.join(repoRoot, 'docs', 'PRIVACY.md');
const privacyFileName = path.relative(repoRoot, privacyFile);

interface OutboxMessage {
  channel: string;
  recipient: string;
  subject: string;
  text: string;
  code: string | null;
  createdAt: string;
}

/** Something went wrong that the user can act on: print the message alone, no stack trace. */
class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function configFromEnv(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CommandFailure(error.message, 78); // EX_CONFIG, as the server
    throw error;
  }
}

function serverUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url;
  } catch {
    throw new InvalidArgumentError('expected an http:// or https:// address, such as http://127.0.0.1:3000');
  }
}

function positiveInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return value;
}

async function serve(): Promise<void> {
  const { startServer } = await import('../server.ts');
  await startServer();
}

async function showOutbox(options: { url: URL; limit: number; json?: boolean }): Promise<void> {
  // relative to the given address, so a server behind a path prefix works too
  const base = options.url.href.endsWith('/') ? options.url.href : `${options.url.href}/`;
  const endpoint = new URL('api/dev/outbox', base);
  let response: Response;
  try {
    response = await fetch(endpoint, { signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new CommandFailure(`Lockstep is not running at ${options.url.origin} (nothing answered at ${endpoint.href}). Start it with \`npx lockstep serve\`.`);
  }
  if (response.status === 404) {
    throw new CommandFailure(`The server at ${options.url.origin} is in production mode: it has no development outbox, and sign-in codes go out by email or SMS.`);
  }
  if (!response.ok) throw new CommandFailure(`The server at ${options.url.origin} answered ${response.status} ${response.statusText} for ${endpoint.pathname}.`);
  const body = (await response.json()) as { messages?: OutboxMessage[] };
  if (!Array.isArray(body.messages)) throw new CommandFailure(`The answer from ${endpoint.href} is not a Lockstep outbox.`);

  const messages = body.messages.slice(0, options.limit); // the server lists newest first
  if (options.json) {
    console.log(JSON.stringify(messages, null, 2));
    return;
  }
  if (!messages.length) {
    console.log('The outbox is empty: no message has been sent since the server started (it is kept in memory only).');
    return;
  }
  for (const message of messages) {
    const time = `${message.createdAt.replace('T', ' ').slice(0, 19)} UTC`;
    console.log(`${time}  ${message.channel.padEnd(5)}  ${message.recipient}  code ${message.code ?? '—'}`);
    for (const line of message.text.trimEnd().split('\n')) console.log(`    ${line}`);
    console.log('');
  }
}

async function privacyNotice(options: { write?: boolean; check?: boolean }): Promise<void> {
  const { buildPrivacyNotice, renderPrivacyMarkdown } = await import('../modules/privacy/privacy-notice.ts');
  const markdown = renderPrivacyMarkdown(buildPrivacyNotice());
  if (options.write) {
    fs.mkdirSync(path.dirname(privacyFile), { recursive: true });
    fs.writeFileSync(privacyFile, markdown);
    console.log(`Wrote ${privacyFileName} from the data map.`);
    return;
  }
  if (options.check) {
    const current = fs.existsSync(privacyFile) ? fs.readFileSync(privacyFile, 'utf8') : null;
    const fix = 'run `npx lockstep privacy-notice --write` and commit the result';
    if (current === null) throw new CommandFailure(`${privacyFileName} does not exist: ${fix}.`);
    if (current !== markdown) throw new CommandFailure(`${privacyFileName} differs from the notice generated from the data map: ${fix}.`);
    console.log(`${privacyFileName} matches the data map.`);
    return;
  }
  process.stdout.write(markdown);
}

async function migrate(): Promise<void> {
  const config = configFromEnv();
  const { openDatabase, openKeyStore } = await import('../platform/db/connect.ts');
  const { default: path } = await import('node:path');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const keystore = await openKeyStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, keysDir: path.dirname(config.kekFile) });
    await keystore.close();
    // the PostgreSQL address is not printed: it may carry a password
    const where = database.profile.name === 'sqlite' ? ` (data in ${config.dataDir})` : '';
    console.log(`The ${database.profile.name} database and the key store are at the latest schema${where}.`);
  } finally {
    await database.close();
  }
}

async function retention(options: { dryRun?: boolean }): Promise<void> {
  const config = configFromEnv();
  const { bootPlatform } = await import('../boot.ts');
  const { createLogger } = await import('../platform/log.ts');
  const platform = await bootPlatform({ config, logger: createLogger('warn') });
  try {
    const report = await platform.services.retention.run({ dryRun: options.dryRun === true });
    const width = Math.max(...report.map((line) => line.table.length));
    for (const line of report) console.log(`${line.table.padEnd(width)}  ${String(line.expired).padStart(7)}  ${line.action.padEnd(12)}  after ${line.days} days (${line.rule})`);
    const total = report.reduce((sum, line) => sum + line.expired, 0);
    console.log(options.dryRun ? `Dry run: ${total} records are past their retention period; nothing was changed.` : `Removed or anonymised ${total} records past their retention period.`);
  } finally {
    await platform.close();
  }
}

interface PublishOptions {
  label: string;
  zh: string;
  en: string;
  summaryZh: string;
  summaryEn: string;
  effective: string;
  updatedOn?: string;
  material?: boolean;
}

function isoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidArgumentError('expected a date like 2026-12-15');
  return value;
}

async function withPlatform<T>(work: (services: import('../services.ts').Services) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  const { bootPlatform } = await import('../boot.ts');
  const { createLogger } = await import('../platform/log.ts');
  const platform = await bootPlatform({ config, logger: createLogger('warn') });
  try {
    return await work(platform.services);
  } finally {
    await platform.close();
  }
}

async function publishPolicy(options: PublishOptions): Promise<void> {
  const read = (file: string) => {
    if (!fs.existsSync(file)) throw new CommandFailure(`No such file: ${file}`);
    return fs.readFileSync(file, 'utf8');
  };
  const bodyZh = read(options.zh);
  const bodyEn = read(options.en);
  await withPlatform(async (services) => {
    const row = await services.policy.publish({
      label: options.label,
      bodyZh,
      bodyEn,
      summaryZh: options.summaryZh,
      summaryEn: options.summaryEn,
      material: options.material === true,
      updatedOn: options.updatedOn ?? new Date().toISOString().slice(0, 10),
      effectiveAt: Date.parse(`${options.effective}T00:00:00Z`),
    });
    console.log(`Published version ${row.label}, in force from ${options.effective}${row.material ? ': a material change, announced to every account and to be accepted from that day' : ''}.`);
  });
}

async function listPolicies(): Promise<void> {
  await withPlatform(async (services) => {
    for (const row of await services.policy.list()) {
      console.log(`${row.label.padEnd(8)} updated ${row.updated_on}  in force from ${new Date(row.effective_at).toISOString().slice(0, 10)}${row.material ? '  material' : ''}  ${row.id}`);
    }
  });
}

/** Writes the backup into the key store's ledger, so deletion receipts count it (P8.5). */
async function recordBackup(config: Config, file: string, bytes: number | null): Promise<number> {
  const { openKeyStore } = await import('../platform/db/connect.ts');
  const { BackupLedger } = await import('../platform/db/backup-ledger.ts');
  const { systemClock } = await import('../platform/clock.ts');
  const keystore = await openKeyStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, keysDir: path.dirname(config.kekFile) });
  try {
    return (await new BackupLedger(keystore.db, systemClock, config.backupRetentionDays).record(file, bytes)).clearsAt;
  } finally {
    await keystore.close();
  }
}

async function backup(target: string, options: { recordOnly?: boolean }): Promise<void> {
  const config = configFromEnv();
  const keptUntil = (clearsAt: number) => `Recorded: deletion receipts count it until ${new Date(clearsAt).toISOString().slice(0, 10)} (LOCKSTEP_BACKUP_RETENTION_DAYS=${config.backupRetentionDays}); delete it by then.`;
  if (options.recordOnly) {
    console.log(keptUntil(await recordBackup(config, target, null)));
    return;
  }
  if (config.databaseUrl) {
    throw new CommandFailure(
      'On PostgreSQL, back up the main schema with pg_dump and leave the key store out: pg_dump --exclude-schema=lockstep_keys "$DATABASE_URL" > backup.sql; then record it with `lockstep backup backup.sql --record-only`.',
    );
  }
  const { backupSqlite, BackupError } = await import('../platform/db/backup.ts');
  let shown = -1;
  try {
    const { bytes } = await backupSqlite(path.join(config.dataDir, 'lockstep.db'), target, ({ totalPages, remainingPages }) => {
      const percent = totalPages ? Math.floor(((totalPages - remainingPages) / totalPages) * 100) : 100;
      if (percent !== shown && process.stderr.isTTY) process.stderr.write(`\rBacking up… ${percent}%`);
      shown = percent;
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`Backed up the database to ${target} (${bytes} bytes). The key store is not in it, by design.`);
    console.log(keptUntil(await recordBackup(config, target, bytes)));
  } catch (error) {
    if (error instanceof BackupError) throw new CommandFailure(error.message);
    throw error;
  }
}

async function restore(source: string): Promise<void> {
  const config = configFromEnv();
  if (config.databaseUrl) throw new CommandFailure('On PostgreSQL, restore the main schema with psql or pg_restore; the next start re-applies the erasure log.');
  const { restoreSqlite, BackupError } = await import('../platform/db/backup.ts');
  try {
    restoreSqlite(source, path.join(config.dataDir, 'lockstep.db'));
  } catch (error) {
    if (error instanceof BackupError) throw new CommandFailure(error.message);
    throw error;
  }
  // erase again everyone erased after the backup was taken, before anyone can use the data
  await withPlatform(async () => undefined);
  console.log(`Restored ${source}. Erasures made since the backup were applied again.`);
}

async function decommission(options: { yesEraseEverything?: boolean }): Promise<void> {
  if (!options.yesEraseEverything) {
    throw new CommandFailure('This erases every person and all personal data for good. Run again with --yes-erase-everything if the service is shutting down.');
  }
  await withPlatform(async (services) => {
    const { receipt, signature } = await services.decommission.run((done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rErasing accounts… ${done}/${total}`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(JSON.stringify({ receipt, signature, algorithm: 'Ed25519', publicKey: services.receiptSigner.publicKeyPem }, null, 2));
  });
}

function personToErase(raw: string): ErasureTarget {
  const target = erasureTargetOf(raw);
  if (!target) throw new InvalidArgumentError('expected the person’s email address, mobile number in international format (+8613812345678), or account id');
  return target;
}

async function erase(target: ErasureTarget, options: { yes?: boolean }): Promise<void> {
  if (!options.yes) {
    throw new CommandFailure('This erases the person and all their personal data for good, and cannot be undone. Run again with --yes to erase them.');
  }
  await withPlatform(async (services) => {
    try {
      const { accountId, receipt, signature, told } = await erasePerson(services, target);
      console.error(`Erased the account ${accountId}. ${told ? `The person was sent the link to their receipt by ${told === 'sms' ? 'SMS' : 'email'}.` : 'The person could not be sent the link to their receipt: give them this receipt.'}`);
      console.log(JSON.stringify({ receipt, signature, algorithm: 'Ed25519', publicKey: services.receiptSigner.publicKeyPem }, null, 2));
    } catch (error) {
      if (error instanceof ErasureRefused) throw new CommandFailure(error.message);
      throw error;
    }
  });
}

const program = new Command('lockstep')
  .description('Lockstep, the self-hosted workspace whose privacy policy is executable.')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('serve')
  .description('start the server, configured from the environment (as `npm start`, without building the web client)')
  .action(serve);

program
  .command('outbox')
  .description('print the sign-in codes and messages a running development server would have sent, newest first')
  .addOption(new Option('--url <url>', 'address of the running server').argParser(serverUrl).default(serverUrl('http://127.0.0.1:3000'), 'http://127.0.0.1:3000'))
  .option('--limit <count>', 'how many messages to show', positiveInteger, 10)
  .option('--json', 'print the messages as JSON')
  .action(showOutbox);

program
  .command('privacy-notice')
  .description(`print the privacy notice generated from the data map, as Markdown (the text of ${privacyFileName})`)
  .addOption(new Option('--write', `write it to ${privacyFileName}`).conflicts('check'))
  .addOption(new Option('--check', `exit 1 if ${privacyFileName} differs from it`))
  .action(privacyNotice);

program
  .command('retention')
  .description('apply the retention rules of the data map now (the server also does it daily)')
  .option('--dry-run', 'only report what is past its retention period')
  .action(retention);

const policyCommand = program.command('policy').description('the published privacy policy and its versions');
policyCommand
  .command('list')
  .description('list every published version')
  .action(listPolicies);
policyCommand
  .command('publish')
  .description('publish a new version of the privacy policy (Chinese prevails; both texts are required)')
  .requiredOption('--label <label>', 'the version label, e.g. 1.1')
  .requiredOption('--zh <file>', 'the Chinese text (Markdown)')
  .requiredOption('--en <file>', 'the English text (Markdown)')
  .requiredOption('--summary-zh <text>', 'what changed, in Chinese')
  .requiredOption('--summary-en <text>', 'what changed, in English')
  .requiredOption('--effective <date>', 'the day it comes into force (UTC), e.g. 2026-12-15', isoDay)
  .option('--updated-on <date>', 'the update date printed on it (default: today)', isoDay)
  .option('--material', 'a material change: announce it to every account and require acceptance from the effective date')
  .action(publishPolicy);

program
  .command('backup')
  .description('copy the main database to a file (never the key store), while the server runs')
  .argument('<file>', 'the backup file to write')
  .option('--record-only', 'take no backup: record one made by other means (pg_dump on PostgreSQL), so deletion receipts count it')
  .action(backup);

program
  .command('restore')
  .description('put a backup back in place (stop the server first); erasures made since are applied again')
  .argument('<file>', 'the backup file to restore')
  .action(restore);

program
  .command('decommission')
  .description('the service stops for good: erase every person and all personal data, destroy every key, print a signed receipt')
  .option('--yes-erase-everything', 'confirm: this cannot be undone')
  .action(decommission);

program
  .command('erase')
  .description('erase one person and all their personal data (as a completed deletion request does), print the signed receipt, send them its link')
  .argument('<person>', 'their email address, mobile number (+8613812345678) or account id', personToErase)
  .option('--yes', 'confirm: this cannot be undone')
  .action(erase);

program
  .command('migrate')
  .description('bring the configured database to the latest schema, then exit')
  .action(migrate);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // a database that cannot be reached, a file that cannot be written: the message says enough
  console.error(error instanceof CommandFailure ? error.message : `lockstep: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof CommandFailure ? error.exitCode : 1;
}
