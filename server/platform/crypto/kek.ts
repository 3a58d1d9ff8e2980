import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * The key-encryption key wraps every data key. It comes from LOCKSTEP_KEK, from the file named
 * by LOCKSTEP_KEK_FILE, or, for the embedded default only, from a file created on first start
 * with mode 0600. Production refuses to start without one (see config.ts).
 */
export function loadKek(config: Config): Buffer {
  if (config.kek) return decodeKey(config.kek, 'LOCKSTEP_KEK');
  if (fs.existsSync(config.kekFile)) {
    const mode = fs.statSync(config.kekFile).mode & 0o777;
    if (mode & 0o077) {
      throw new Error(`The key file ${config.kekFile} can be read by other users (mode ${mode.toString(8)}); run chmod 600 on it`);
    }
    return decodeKey(fs.readFileSync(config.kekFile, 'utf8').trim(), config.kekFile);
  }
  if (config.env === 'production') throw new Error(`No key-encryption key at ${config.kekFile}`);
  fs.mkdirSync(path.dirname(config.kekFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fs.writeFileSync(config.kekFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

function decodeKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes as base64 or hex`);
  return key;
}
