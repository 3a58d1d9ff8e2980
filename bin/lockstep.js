#!/usr/bin/env node
// The installed `lockstep` command. The CLI is TypeScript, run through tsx like the server, so this
// starts it in a child Node with tsx loaded. tsx and the entry point are resolved from this file,
// not from the working directory, so the command works from anywhere.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../server/cli/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

const child = spawn(process.execPath, ['--import', tsx, entry, ...process.argv.slice(2)], { stdio: 'inherit' });

// `lockstep serve` shuts down cleanly on a signal: hand it to the child and wait for it to finish.
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) process.on(signal, () => child.kill(signal));

child.on('error', (error) => {
  console.error(`lockstep: could not start Node: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    for (const name of forwarded) process.removeAllListeners(name);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
