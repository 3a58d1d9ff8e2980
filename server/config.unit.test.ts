import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** everything production needs, so each test can take one piece away */
const production = {
  NODE_ENV: 'production',
  LOCKSTEP_KEK: Buffer.alloc(32, 7).toString('base64'),
  SMTP_URL: 'smtp://mail.example.com:587',
  PUBLIC_URL: 'https://lockstep.example.com/',
};

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('defaults to the embedded, single-machine development set-up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      kekFile: path.resolve('./data/keys/kek'),
      databaseUrl: null,
      devMode: true,
      secureCookies: false,
      session: { maxDays: 15 },
    });
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('lets an operator shorten the sign-in lifetime but never beyond 15 days (P4.1)', () => {
    expect(loadConfig({ SESSION_MAX_DAYS: '30' }).session.maxDays).toBe(15);
    expect(loadConfig({ SESSION_MAX_DAYS: '7' }).session.maxDays).toBe(7);
  });

  it.each(['abc', '0', '-1', '3000.5', '80 80'])('refuses PORT=%s', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it('reads PORT, HOST and DATA_DIR', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/srv/lockstep' })).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/srv/lockstep' });
  });

  it('refuses production without a KEK, a way to send codes or an https address, naming each', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    expect(message).toMatch(/LOCKSTEP_KEK/);
    expect(message).toMatch(/SMTP_URL or SMS_PROVIDER/);
    expect(message).toMatch(/PUBLIC_URL/);
  });

  it.each([
    ['a KEK', { LOCKSTEP_KEK: undefined }, /LOCKSTEP_KEK or LOCKSTEP_KEK_FILE/],
    ['SMTP or SMS', { SMTP_URL: undefined }, /SMTP_URL or SMS_PROVIDER/],
    ['a public URL', { PUBLIC_URL: undefined }, /PUBLIC_URL/],
    ['an https public URL', { PUBLIC_URL: 'http://lockstep.example.com' }, /PUBLIC_URL/],
  ])('refuses production without %s, and names only that', (_missing, change, problem) => {
    const message = problemsOf({ ...production, ...change });
    expect(message).toMatch(problem);
    expect(message.split('\n- ')).toHaveLength(2);
  });

  it('starts production with everything set: no dev mode, Secure cookies', () => {
    const config = loadConfig(production);
    expect(config).toMatchObject({ env: 'production', devMode: false, secureCookies: true, publicOrigin: 'https://lockstep.example.com' });
  });

  it('accepts a KEK file and SMS instead of an inline KEK and SMTP', () => {
    const config = loadConfig({ ...production, LOCKSTEP_KEK: undefined, LOCKSTEP_KEK_FILE: '/run/secrets/kek', SMTP_URL: undefined, SMS_PROVIDER: 'aliyun' });
    expect(config).toMatchObject({ devMode: false, kek: null, kekFile: '/run/secrets/kek', smsProvider: 'aliyun' });
  });
});

describe('PUBLIC_URL', () => {
  it.each(['lockstep.example.com', 'ftp://files.example.com', 'https://'])('refuses %j with a ConfigError naming PUBLIC_URL', (value) => {
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
  });
});
