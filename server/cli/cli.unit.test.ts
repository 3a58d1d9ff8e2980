import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Through the installed entry point, as an operator runs it: bin/lockstep.js → tsx → server/cli/main.ts. */
const bin = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));

function lockstep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // from another directory, so nothing depends on the working directory
    execFile(process.execPath, [bin, ...args], { cwd: '/', timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe.concurrent('lockstep command line', () => {
  it('lists every command in --help', async () => {
    const { code, stdout } = await lockstep('--help');
    expect(code).toBe(0);
    for (const command of ['serve', 'outbox', 'privacy-notice', 'erase', 'migrate']) expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('finds docs/PRIVACY.md in step with the data map', async () => {
    const { code, stdout, stderr } = await lockstep('privacy-notice', '--check');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('docs/PRIVACY.md matches the data map');
  });

  it('erases no one without --yes, and names what it takes when the person is not an address, number or id', async () => {
    const unconfirmed = await lockstep('erase', 'someone@example.com');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/cannot be undone\. Run again with --yes/);
    const typo = await lockstep('erase', 'someone-at-example.com', '--yes');
    expect(typo.code).toBe(1);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toMatch(/expected the person’s email address, mobile number .* or account id/);
  });

  it('says plainly when no server is running at the outbox URL', async () => {
    const { code, stdout, stderr } = await lockstep('outbox', '--url', 'http://127.0.0.1:1');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/not running at http:\/\/127\.0\.0\.1:1/);
  });
});
