import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningServer {
  baseUrl: string;
  /** what the process printed so far, for failure messages */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-write if it was writing (crash tests) */
  kill(): Promise<void>;
}

export interface ServerOptions {
  /** run on this data folder and keep it afterwards (a restart, a second node); default: a fresh one, removed at stop */
  dataDir?: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const startTimeoutMs = 60_000;
const killGraceMs = 5_000;

/** The server has no PORT=0, so ask the OS for a free port and hand it over. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts the real server as its own process (development mode, empty data folder) and waits until
 * /healthz answers. It builds nothing: the SPA must already be in web/dist.
 */
export async function startServer(extraEnv: Record<string, string> = {}, options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'lockstep-e2e-')));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let printed = '';

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'development', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const keep = (chunk: Buffer) => {
    // enough to explain a failure, not the whole request log
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const stop = async () => {
    if (!hasExited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (!hasExited) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!(await isHealthy(baseUrl))) {
    if (hasExited) {
      await stop();
      throw new Error(`the server exited before it was healthy:\n${printed}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not healthy after ${startTimeoutMs / 1000} s:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, output: () => printed, stop, kill };
}
