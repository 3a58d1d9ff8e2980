import path from 'node:path';

/**
 * Typed configuration read once from the environment. Defaults are the embedded,
 * single-machine set-up (SQLite and files under ./data); production refuses settings
 * that would be unsafe there instead of quietly running with them.
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  /** the PostgreSQL schema of the main database (its key store is `<schema>_keys`); default `public` with `lockstep_keys` */
  databaseSchema: string | null;
  redisUrl: string | null;
  /** base64 of 32 bytes, or null to read/create a key file */
  kek: string | null;
  kekFile: string;
  /** true when the public URL is https: cookies then carry Secure and the __Host- prefix */
  secureCookies: boolean;
  publicOrigin: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  smsProvider: string | null;
  logLevel: string;
  session: {
    idleMinutes: number;
    maxDays: number;
  };
  otp: {
    ttlMinutes: number;
    maxGuesses: number;
    resendCooldownSeconds: number;
    identifierFailuresPerHour: number;
    ipRequestsPerHour: number;
    ipFailuresPerHour: number;
  };
  devMode: boolean;
  /** seed the demo organisation into an empty database at start (development only) */
  demoData: boolean;
  /** days between a cancellation and the erasure, during which signing in keeps the account */
  cancellationGraceDays: number;
  /** the operator's staff who answer requests about personal data: their sign-in email addresses */
  operatorEmails: string[];
  /** requests of one kind per person per year beyond which a new one is flagged as repeated (P10.1) */
  requestsPerYear: number;
  /** hours a prepared download of someone's data stays downloadable; then it is deleted (P8.1) */
  exportLinkHours: number;
  /** days the operator keeps each backup: deletion receipts say when backups taken before an erasure are gone (P8.5) */
  backupRetentionDays: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  }
  return value;
}

/** Several installations (or test runs) can share one PostgreSQL database, each in its own schema. */
function schemaName(raw: string | undefined): string | null {
  if (!raw) return null;
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(raw)) throw new ConfigError(`DATABASE_SCHEMA must be a lower-case name of letters, digits and _, got "${raw}"`);
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const publicOrigin = env.PUBLIC_URL ? originOf(env.PUBLIC_URL) : null;
  const config: Config = {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 1),
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: schemaName(env.DATABASE_SCHEMA),
    redisUrl: env.REDIS_URL || null,
    kek: env.LOCKSTEP_KEK || null,
    kekFile: path.resolve(env.LOCKSTEP_KEK_FILE || path.join(dataDir, 'keys', 'kek')),
    secureCookies: publicOrigin?.startsWith('https:') ?? false,
    publicOrigin,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Lockstep <no-reply@lockstep.invalid>',
    smsProvider: env.SMS_PROVIDER || null,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    session: {
      idleMinutes: int(env, 'SESSION_IDLE_MINUTES', 8 * 60, 1),
      // P4.1: a sign-in cookie lasts at most 15 days; an operator may shorten it, never lengthen it.
      maxDays: Math.min(int(env, 'SESSION_MAX_DAYS', 15, 1), 15),
    },
    otp: {
      ttlMinutes: 10,
      maxGuesses: 5,
      resendCooldownSeconds: int(env, 'OTP_RESEND_COOLDOWN_SECONDS', 60, 0),
      identifierFailuresPerHour: 100,
      ipRequestsPerHour: int(env, 'OTP_IP_REQUESTS_PER_HOUR', 30, 1),
      ipFailuresPerHour: int(env, 'OTP_IP_FAILURES_PER_HOUR', 200, 1),
    },
    devMode: nodeEnv !== 'production',
    demoData: nodeEnv === 'development' && env.LOCKSTEP_DEMO !== '0',
    cancellationGraceDays: int(env, 'CANCELLATION_GRACE_DAYS', 15, 0),
    operatorEmails: (env.LOCKSTEP_OPERATORS ?? '').split(',').map((email) => email.trim().toLowerCase()).filter(Boolean),
    requestsPerYear: int(env, 'PRIVACY_REQUESTS_PER_YEAR', 4, 1),
    exportLinkHours: int(env, 'LOCKSTEP_EXPORT_LINK_HOURS', 24, 1),
    backupRetentionDays: int(env, 'LOCKSTEP_BACKUP_RETENTION_DAYS', 30, 1),
  };
  if (config.env === 'production') assertProductionSafe(config, env);
  return config;
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
    return parsed.origin;
  } catch {
    throw new ConfigError(`PUBLIC_URL must be a full address like https://work.example.com, got "${url}"`);
  }
}

function assertProductionSafe(config: Config, env: Env): void {
  const problems: string[] = [];
  if (!config.kek && !env.LOCKSTEP_KEK_FILE) {
    problems.push('set LOCKSTEP_KEK or LOCKSTEP_KEK_FILE: production never creates its own key-encryption key');
  }
  if (!config.smtpUrl && !config.smsProvider) {
    problems.push('configure SMTP_URL or SMS_PROVIDER: sign-in codes must reach people, there is no outbox in production');
  }
  if (!config.publicOrigin?.startsWith('https:')) {
    problems.push('set PUBLIC_URL to the https:// address people use: cookies must be Secure in production (P7.1)');
  }
  if (problems.length) throw new ConfigError(`Refusing to start in production:\n- ${problems.join('\n- ')}`);
}
