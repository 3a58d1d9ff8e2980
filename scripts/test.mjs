#!/usr/bin/env node
// The whole test suite: unit tests once, integration tests on SQLite and on PostgreSQL, browser
// tests in real Chromium. Without a PostgreSQL server, Redis or Chromium the run says so and skips
// that part, except under CI=true, where a missing part is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const ci = process.env.CI === 'true';
const projects = ['unit', 'sqlite'];
const problems = [];

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

if (await reachable('127.0.0.1', 5432)) projects.push('postgres');
else if (ci) problems.push('PostgreSQL is not reachable on 127.0.0.1:5432');
else console.log('! PostgreSQL is not reachable on 127.0.0.1:5432: skipping the PostgreSQL run (CI would fail here).');

// Redis carries chat events between server processes: the two-node test (PostgreSQL project) needs it.
if (!(await reachable('127.0.0.1', 6379))) {
  if (ci) problems.push('Redis is not reachable on 127.0.0.1:6379 (the two-node messaging test needs it)');
  else console.log('! Redis is not reachable on 127.0.0.1:6379: the two-node messaging test will be skipped (CI would fail here).');
}

if (fs.existsSync('/usr/bin/chromium')) {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The web client did not build.');
    process.exit(1);
  }
  projects.push('e2e');
} else if (ci) problems.push('Chromium is not installed at /usr/bin/chromium (apt-get install chromium)');
else console.log('! Chromium is not installed at /usr/bin/chromium: skipping the browser tests (CI would fail here).');

if (problems.length) {
  console.error(`Cannot run the whole suite:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

const resultsFile = '.vitest-results.json';
const args = ['vitest', 'run', ...projects.flatMap((name) => ['--project', name]), '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit' });

let summary = '';
try {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  // a file that failed before any of its tests could (a failing beforeAll) counts as a failure too
  const brokenFiles = (results.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  const failed = results.numFailedTests + brokenFiles;
  summary = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  fs.rmSync(resultsFile);
} catch {
  summary = '';
}
console.log(`\nProjects run: ${projects.join(', ')}`);
if (summary) console.log(summary);
process.exit(run.status ?? 1);
