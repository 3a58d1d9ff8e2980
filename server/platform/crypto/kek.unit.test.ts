import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { loadKek } from './kek.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-kek-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('loadKek', () => {
  it('creates DATA_DIR/keys/kek readable by its owner only, then keeps using it', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'keys', 'kek');
    const first = loadKek(config);
    expect(first).toHaveLength(32);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(loadKek(config).equals(first)).toBe(true);
    expect(loadKek(loadConfig({ DATA_DIR: dataDir })).equals(first)).toBe(true);
  });

  it.each([0o644, 0o640, 0o604])('refuses a key file other users can read (mode %o)', (mode) => {
    const config = loadConfig({ DATA_DIR: dataDir });
    loadKek(config);
    fs.chmodSync(config.kekFile, mode);
    expect(() => loadKek(config)).toThrow(/chmod 600/);
  });

  it('never creates a key in production', () => {
    const kekFile = path.join(dataDir, 'keys', 'kek');
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, LOCKSTEP_KEK_FILE: kekFile, SMTP_URL: 'smtp://mail.example.com', PUBLIC_URL: 'https://lockstep.example.com' });
    expect(() => loadKek(config)).toThrow(/No key-encryption key/);
    expect(fs.existsSync(kekFile)).toBe(false);
  });

  it('takes LOCKSTEP_KEK as base64 or hex of exactly 32 bytes', () => {
    const key = randomBytes(32);
    expect(loadKek(loadConfig({ DATA_DIR: dataDir, LOCKSTEP_KEK: key.toString('base64') })).equals(key)).toBe(true);
    expect(loadKek(loadConfig({ DATA_DIR: dataDir, LOCKSTEP_KEK: key.toString('hex') })).equals(key)).toBe(true);
    expect(() => loadKek(loadConfig({ DATA_DIR: dataDir, LOCKSTEP_KEK: randomBytes(16).toString('base64') }))).toThrow(/LOCKSTEP_KEK must hold 32 bytes/);
    expect(() => loadKek(loadConfig({ DATA_DIR: dataDir, LOCKSTEP_KEK: randomBytes(33).toString('base64') }))).toThrow(/32 bytes/);
    // an inline key is never written to disk
    expect(fs.existsSync(path.join(dataDir, 'keys'))).toBe(false);
  });
});
