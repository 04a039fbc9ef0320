#!/usr/bin/env node
// `npm test`: build, lint (tsc included), run the suite, then validate every MX exchange the suite produced against
// MX's spec, and end with the plain line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'mx-iav-suite-'));
const recordDir = join(work, 'exchanges');
const env = {
  ...process.env,
  MX_IAV_SANDBOX_RECORD: join(recordDir, 'suite.jsonl'),
  MX_IAV_CONTRACT_RECORD_DIR: recordDir,
  // The reliability suites append their figures here, to be printed with the totals.
  MX_IAV_FIGURES_FILE: join(work, 'figures.txt'),
  // The suite runs the CLI as a user would, but never against a real account's config.
  MX_IAV_CONFIG_DIR: join(work, 'never-used-config'),
};
delete env.MX_API_KEY;
delete env.MX_CLIENT_ID;
delete env.MX_BASE_URL;
delete env.MX_ENV;

let passed = 0;
let failed = 0;
const run = (label, command, args) => {
  process.stdout.write(`\n> ${label}\n`);
  return spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status === 0;
};
const vitest = (label, config) => {
  const report = join(work, `${label}.json`);
  const ok = run(label, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + (ok || results.numFailedTests > 0 ? 0 : 1);
  } catch {
    failed += 1;
  }
};

for (const [label, command, args] of [
  ['build', 'npm', ['run', 'build']],
  // tsc, then ESLint: typescript-eslint's rules, no import circles, and the size limits for src/ (eslint.config.js).
  ['lint', 'npm', ['run', 'lint']],
]) {
  if (run(label, command, args)) passed += 1;
  else failed += 1;
}
vitest('suite', 'test/vitest.config.ts');
vitest('contract', 'test/contract/vitest.config.ts');

let figures = '';
try {
  figures = readFileSync(env.MX_IAV_FIGURES_FILE, 'utf8');
} catch {
  // No reliability suite ran.
}
if (figures) process.stdout.write(`\n> reliability figures\n${figures}`);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
