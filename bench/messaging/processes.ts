import fs from 'node:fs';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The processes of a run. Each is `node --import tsx <script>` rather than `npx tsx <script>`:
 * the tsx command runs the script in a child process, and the benchmark must read the memory of
 * the process that actually holds the connections.
 */
export interface Started {
  child: ChildProcess;
  pid: number;
  /** resolves with the exit code */
  exited: Promise<number | null>;
}

export function startNode(
  script: string,
  options: { env: Record<string, string | undefined>; logFile: string; nodeArgs?: string[]; preload?: string[]; echo?: boolean },
): Started {
  const log = fs.createWriteStream(options.logFile);
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', ...(options.preload ?? []).flatMap((file) => ['--import', file]), script];
  const child = spawn(process.execPath, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  if (options.echo) {
    child.stdout!.on('data', (chunk) => process.stdout.write(chunk));
    child.stderr!.on('data', (chunk) => process.stderr.write(chunk));
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      log.end();
      resolve(code);
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  return { child, pid: child.pid, exited };
}

/** Waits until the process prints a line matching `pattern`, or fails at the deadline or its exit. */
export function readyWhen(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs / 1_000} s`)), timeoutMs);
    const listener = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4_000);
      if (pattern.test(seen)) {
        clearTimeout(timer);
        started.child.stdout!.off('data', listener);
        resolve();
      }
    };
    started.child.stdout!.on('data', listener);
    void started.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready`));
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`: only ever the process this run started. */
export async function stop(started: Started, graceMs = 15_000): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs);
  await started.exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
