import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../server/config.ts';
import { ManualClock } from '../server/platform/clock.ts';
import { createLogger } from '../server/platform/log.ts';
import { bootPlatform, type Platform } from '../server/boot.ts';
import { buildApp } from '../server/app.ts';

/** Which database this test run uses; the test command runs every integration file on both. */
export const dialect: 'sqlite' | 'postgres' = process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestPlatform {
  app: FastifyInstance;
  platform: Platform;
  services: Platform['services'];
  clock: ManualClock;
  config: Config;
  dataDir: string;
  /** the PostgreSQL schemas of this platform (main, key store); introspection lists every schema */
  schemas: { main: string; keystore: string } | null;
  /** everything the server logged, one JSON line each */
  logs: string[];
  request(options: InjectOptions & { session?: TestSession | undefined }): Promise<LightMyRequestResponse>;
  /** sign in (signing up first if needed) through the HTTP API, reading the code from the outbox */
  signIn(identifier: string, options?: SignInOptions): Promise<TestSession>;
  close(): Promise<void>;
}

export interface SignInOptions {
  name?: string;
  /** for a sign-up (YYYY-MM-DD); an adult's unless given */
  birthDate?: string;
  keepSignedIn?: boolean;
  headers?: Record<string, string>;
}

export interface TestSession {
  cookie: string;
  token: string;
  csrfToken: string;
  accountId: string;
  headers: Record<string, string>;
}

export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-test-'));
  const searchPath = dialect === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  if (searchPath) await withPostgres((client) => client.query(`create schema ${searchPath}`));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOCKSTEP_KEK: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    ...(dialect === 'postgres' ? { DATABASE_URL: postgresUrl } : {}),
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const platform = await bootPlatform({ config, logger: createLogger(config.logLevel, sink), clock, searchPath });
  const app = await buildApp(platform.services);
  await app.ready();

  // Like one browser, the harness keeps the sign-in cookie a code request sets and sends it back.
  let signInCookie: string | null = null;
  const request: TestPlatform['request'] = async ({ session, ...options }) => {
    const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36', ...(session?.headers ?? {}), ...(options.headers ?? {}) } as Record<string, string>;
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] ??= session.csrfToken;
    }
    // a signed-in person's requests stand for another browser: the sign-in cookie is not theirs
    if (signInCookie && !session && !headers.cookie?.includes('lockstep_signin=')) headers.cookie = headers.cookie ? `${headers.cookie}; ${signInCookie}` : signInCookie;
    const response = await app.inject({ ...options, headers });
    const setCookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    for (const cookie of setCookies) {
      const pair = cookie.split(';')[0] ?? '';
      if (/^(__Host-)?lockstep_signin=/.test(pair)) signInCookie = pair.endsWith('=') ? null : pair;
    }
    return response;
  };

  const signIn: TestPlatform['signIn'] = async (identifier, options = {}) => {
    const headers = options.headers ?? {};
    const sent = await request({ method: 'POST', url: '/api/auth/code', payload: { identifier }, headers });
    if (sent.statusCode !== 202) throw new Error(`code request failed: ${sent.statusCode} ${sent.body}`);
    const { challengeId } = sent.json() as { challengeId: string };
    // each sign-in is its own browser: sign-ins sent at once must not swap their sign-in cookies
    const ownSignInCookie = ([] as string[]).concat(sent.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0] ?? '').find((pair) => /^(__Host-)?lockstep_signin=./.test(pair));
    const code = latestCode(platform, identifier);
    clock.advance(61_000); // past the resend cooldown, so a test can sign in again at once
    // like the sign-up page: the version in force is shown and accepted (nothing when none is published)
    const inForce = (await request({ method: 'GET', url: '/api/privacy/policy', headers })).json() as { policy: { id: string } | null };
    const verified = await request({
      method: 'POST',
      url: '/api/auth/verify',
      payload: {
        challengeId,
        code,
        name: options.name ?? 'Test Person',
        birthDate: options.birthDate ?? adultBirthDate,
        keepSignedIn: options.keepSignedIn ?? false,
        ...(inForce.policy ? { acceptedPolicyVersionId: inForce.policy.id } : {}),
      },
      headers: ownSignInCookie && !headers.cookie?.includes('lockstep_signin=') ? { ...headers, cookie: headers.cookie ? `${headers.cookie}; ${ownSignInCookie}` : ownSignInCookie } : headers,
    });
    if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);
    const cookie = sessionCookieOf(verified);
    const body = verified.json() as { csrfToken: string; account: { id: string } };
    return { cookie, token: cookie.split('=')[1] ?? '', csrfToken: body.csrfToken, accountId: body.account.id, headers };
  };

  return {
    app,
    platform,
    services: platform.services,
    clock,
    config,
    dataDir,
    schemas: searchPath ? { main: searchPath, keystore: `${searchPath}_keys` } : null,
    logs,
    request,
    signIn,
    async close() {
      await app.close();
      await platform.close();
      if (searchPath) await withPostgres((client) => client.query(`drop schema ${searchPath} cascade; drop schema if exists ${searchPath}_keys cascade`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A date of birth for sign-ups in tests that are not about age: an adult's. */
/** The files of the local blob store under a data directory (sealed contents, one shard folder a prefix). */
export function storedBlobFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'blobs');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((shard) => fs.readdirSync(path.join(root, shard)).map((name) => path.join(root, shard, name)));
}

export const adultBirthDate = '1990-01-01';

export function latestCode(platform: Platform, identifier: string): string {
  const normalised = identifier.includes('@') ? identifier.trim().toLowerCase() : identifier.replace(/[\s().-]/g, '');
  const code = platform.services.outbox?.latestFor(normalised)?.code;
  if (!code) throw new Error(`no code in the outbox for ${identifier}`);
  return code;
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const raw = response.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw : [raw]).find((value) => value?.includes('lockstep_session='));
  if (!first) throw new Error('no session cookie was set');
  return first.split(';')[0] as string;
}

async function withPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
