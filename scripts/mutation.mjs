#!/usr/bin/env node
// npm run mutation [-- <file> ...]: mutation testing (StrykerJS) over the files that enforce the
// policy (mutation/targets.mjs), each against its own tests. Not part of CI: it takes hours for
// all files on two cores. Each file's score goes to mutation/scores.json and docs/mutation.md is
// written from it, so a run over one file updates its row and keeps the others.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { Stryker } from '@stryker-mutator/core';
import { targets } from '../mutation/targets.mjs';

const TARGET_SCORE = 80;
const scoresFile = 'mutation/scores.json';
// --report rewrites docs/mutation.md from the recorded scores without running anything
const reportOnly = process.argv.includes('--report');
const asked = process.argv.slice(2).filter((arg) => arg !== '--report');
const unknown = asked.filter((file) => !targets.some((target) => target.file === file));
if (unknown.length) {
  console.error(`Not a listed file (mutation/targets.mjs): ${unknown.join(', ')}`);
  process.exit(2);
}
const chosen = reportOnly ? [] : asked.length ? targets.filter((target) => asked.includes(target.file)) : targets;
const scores = fs.existsSync(scoresFile) ? JSON.parse(fs.readFileSync(scoresFile, 'utf8')) : {};
const commit = execSync('git rev-parse --short HEAD').toString().trim();

/** Stryker's score: killed and timed-out mutants of all that count (ignored and invalid ones do not). */
function scoreOf(results) {
  const count = (...statuses) => results.filter((result) => statuses.includes(result.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  const total = detected + undetected;
  return {
    killed: detected,
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    ignored: count('Ignored'),
    score: total === 0 ? 100 : Math.round((detected / total) * 1000) / 10,
    // every mutant kept alive on purpose, with the reason written beside it in the source
    equivalent: results.filter((result) => result.status === 'Ignored' && result.statusReason && !/static/i.test(result.statusReason)).map((result) => `${result.location.start.line}: ${result.mutatorName}: ${result.statusReason}`),
    survivors: results.filter((result) => result.status === 'Survived' || result.status === 'NoCoverage').map((result) => `${result.location.start.line}: ${result.mutatorName} → ${JSON.stringify(result.replacement).slice(0, 80)}`),
  };
}

for (const target of chosen) {
  const slug = target.file.replaceAll('/', '_').replace(/\.ts$/, '');
  process.env.MUTATION_TESTS = target.tests.join(',');
  console.log(`\n== ${target.file} (${target.area}) against ${target.tests.length} test files`);
  const started = Date.now();
  const results = await new Stryker({
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.mutation.config.ts', related: false },
    mutate: [target.file],
    coverageAnalysis: 'perTest',
    // a mutant in module-level code would need every test rerun from a fresh module; left out
    ignoreStatic: true,
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
    timeoutMS: 20_000,
    timeoutFactor: 2,
    incremental: true,
    incrementalFile: `reports/mutation/${slug}.incremental.json`,
    reporters: ['progress', 'clear-text'],
    tempDirName: '.stryker-tmp',
    ignorePatterns: ['web/dist', 'reports', 'bench', '.vitest-results.json', '.stryker-tmp'],
  }).runMutationTest();
  const score = scoreOf(results);
  scores[target.file] = { area: target.area, ...score, minutes: Math.round((Date.now() - started) / 6000) / 10, commit, date: new Date().toISOString().slice(0, 10) };
  fs.writeFileSync(scoresFile, `${JSON.stringify(scores, null, 2)}\n`);
  console.log(`${target.file}: ${score.score}% (${score.killed} killed, ${score.survived} survived, ${score.noCoverage} not reached, ${score.ignored} explained)`);
}

const rows = targets.map((target) => {
  const found = scores[target.file];
  if (!found) return `| ${target.area} | \`${target.file}\` | not run yet | | | | |`;
  const mark = found.score >= TARGET_SCORE ? '' : ' (below target)';
  return `| ${target.area} | \`${target.file}\` | ${found.score}%${mark} | ${found.killed} / ${found.killed + found.survived + found.noCoverage} | ${found.equivalent.length} | ${found.ignored - found.equivalent.length} | ${found.commit}, ${found.date}, ${found.minutes} min |`;
});
const survivors = targets.filter((target) => scores[target.file]?.survivors.length).map((target) => `\n### \`${target.file}\`\n\n${scores[target.file].survivors.map((line) => `- line ${line}`).join('\n')}`);
const explained = targets.filter((target) => scores[target.file]?.equivalent.length).map((target) => `\n### \`${target.file}\`\n\n${scores[target.file].equivalent.map((line) => `- line ${line}`).join('\n')}`);
fs.writeFileSync('docs/mutation.md', `# Mutation testing

A test proves a promise only if it fails when the promise is broken. \`npm run mutation\` breaks
the files that enforce the policy on purpose, one small change (a mutant) at a time, with
StrykerJS, and counts the mutants the tests catch. Each file runs against the tests listed for it
in \`mutation/targets.mjs\`, on SQLite; \`npm run mutation -- <file>\` runs one file and updates its
row. It is not part of CI: all files take hours on two cores. Target: at least ${TARGET_SCORE}% killed in
each file; every mutant left alive is either killed by a new test or explained in the source with
a \`// Stryker disable next-line <mutator>: <why it is equivalent>\` comment, listed below.

Score = (killed + timed out) / (killed + timed out + survived + not reached by any listed test).
Mutants in module-level code (static) are not run.

This file is written by \`scripts/mutation.mjs\` from \`mutation/scores.json\`.

| area | file | score | killed / counted | explained | static (not run) | measured |
|---|---|---|---|---|---|---|
${rows.join('\n')}

## Mutants still alive
${survivors.join('\n') || '\nNone.'}

## Mutants explained as equivalent
${explained.join('\n') || '\nNone.'}
`);
console.log('\nWrote docs/mutation.md');
