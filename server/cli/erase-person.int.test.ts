import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts';
import { ReceiptSigner } from '../platform/crypto/receipt-signer.ts';
import { erasePerson, ErasureRefused, erasureTarget } from './erase-person.ts';

const kek = randomBytes(32).toString('base64');
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ LOCKSTEP_KEK: kek });
});

afterAll(async () => {
  await t.close();
});

const statusOf = async (accountId: string) => (await t.platform.database.db.selectFrom('account').select('status').where('id', '=', accountId).executeTakeFirstOrThrow()).status;

describe('lockstep erase: one person, for operators without the web (P8.3)', () => {
  it('reads an address, a mobile number or an account id, and nothing else', () => {
    expect(erasureTarget(' Someone@Example.com ')).toEqual({ identifier: { channel: 'email', value: 'someone@example.com' } });
    expect(erasureTarget('+86 138 1234 5678')).toEqual({ identifier: { channel: 'sms', value: '+8613812345678' } });
    expect(erasureTarget('0F9D3C1E-7B2A-4C5D-9E8F-1A2B3C4D5E6F')).toEqual({ accountId: '0f9d3c1e-7b2a-4c5d-9e8f-1a2b3c4d5e6f' });
    expect(erasureTarget('robert')).toBeNull();
  });

  it('erases the person found by address, signs a receipt and sends them its link; a second time is refused', async () => {
    const email = 'by.post@example.com';
    const person = await t.signIn(email, { name: 'Asked By Post' });
    const erased = await erasePerson(t.services, erasureTarget(email)!);
    expect(erased.accountId).toBe(person.accountId);
    expect(await statusOf(person.accountId)).toBe('erased');
    expect(ReceiptSigner.verify(t.services.receiptSigner.publicKeyPem, JSON.stringify(erased.receipt), erased.signature)).toBe(true);
    expect(erased.told).toBe('email');
    expect(t.services.outbox!.latestFor(email)?.text).toContain(erased.receipt.receiptId);

    await expect(erasePerson(t.services, erasureTarget(person.accountId)!)).rejects.toThrow(new ErasureRefused(`The account ${person.accountId} was already erased: there is nothing left to erase.`));
    await expect(erasePerson(t.services, erasureTarget(email)!)).rejects.toThrow(/No account is known as by\.post@example\.com/);
    await expect(erasePerson(t.services, erasureTarget('nobody@example.com')!)).rejects.toBeInstanceOf(ErasureRefused);
  });

  // the command itself reaches the test platform's database through DATA_DIR: SQLite only
  it('through the installed command: asks for --yes, erases and prints the signed receipt, fails plainly the second time', async (context) => {
    if (t.schemas) return context.skip();
    const bin = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [bin, ...args], { cwd: '/', timeout: 60_000, env: { PATH: process.env.PATH, NODE_ENV: 'test', DATA_DIR: t.dataDir, LOCKSTEP_KEK: kek } }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
      });
    const person = await t.signIn('by.terminal@example.com', { name: 'Asked By Phone Call' });

    const unconfirmed = await run('erase', 'by.terminal@example.com');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(await statusOf(person.accountId)).toBe('active');

    const done = await run('erase', 'by.terminal@example.com', '--yes');
    expect(done.stderr).toContain(`Erased the account ${person.accountId}`);
    expect(done.code).toBe(0);
    const printed = JSON.parse(done.stdout) as { receipt: unknown; signature: string; publicKey: string };
    expect(ReceiptSigner.verify(printed.publicKey, JSON.stringify(printed.receipt), printed.signature)).toBe(true);
    expect(await statusOf(person.accountId)).toBe('erased');

    const again = await run('erase', person.accountId, '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already erased');
    expect(again.stdout).toBe('');
    // each run boots the platform: slow on a busy machine
  }, 180_000);
});
