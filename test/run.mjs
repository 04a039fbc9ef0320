#!/usr/bin/env node
// `npm test`: build, lint (tsc included), run the suite, then validate every MX exchange the suite produced against
// MX's spec, and end with the plain line CI reads: "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
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

if (run('build', 'npm', ['run', 'build'])) passed += 1;
else failed += 1;
// tsc, then ESLint (typescript-eslint's rules, no import circles, the size limits for src/: eslint.config.js), beside
// the suite rather than before it: the suite leaves a third of two cores idle while its runs wait on sockets and
// children, and lint is pure CPU. Its output is held back and printed whole once both are done.
const lint = lintBesideTheSuite();
vitest('suite', 'test/vitest.config.ts');
const linted = await lint;
process.stdout.write(`\n> lint\n${linted.output}`);
if (linted.ok) passed += 1;
else failed += 1;
vitest('contract', 'test/contract/vitest.config.ts');

function lintBesideTheSuite() {
  const child = spawn('npm', ['run', 'lint'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

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
