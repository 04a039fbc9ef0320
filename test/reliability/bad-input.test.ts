import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { reportFigures } from '../helpers/figures.js';
import { startMxProxy } from '../helpers/mx-proxy.js';
import { hasStackTrace, runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { BadInputCase } from './bad-input-case.js';
import { ANSWER_CASES, CONFIG_FILE_CASES, ENVIRONMENT_CASES, FLAG_CASES } from './bad-input-local.js';
import { FILE_CASES } from './bad-input-files.js';
import { SERVER_CASES } from './bad-input-server.js';

// Bad flags, answers, environment values, hand-edited config files and hostile server bodies: each ends in its
// documented exit code with one sentence (✖ line) and never a stack trace or a terminal control sequence.

const CASES = [...FLAG_CASES, ...ANSWER_CASES, ...ENVIRONMENT_CASES, ...CONFIG_FILE_CASES, ...SERVER_CASES, ...FILE_CASES];
const PARALLEL = 4;
const root = tempDir('mx-iav-bad-input-');
let sandbox: Sandbox;
// Keyed by the case itself, so two cases that share a name cannot share one outcome.
const outcomes = new Map<BadInputCase, CliResult>();

async function runCase(testCase: BadInputCase, index: number): Promise<CliResult> {
  const configDir = join(root, String(index));
  testCase.prepare?.(configDir);
  const proxy = testCase.proxy ? await startMxProxy(sandbox.url, testCase.proxy) : null;
  // A case's variable may name a file in its own config directory ($CONFIG_DIR).
  const own = Object.fromEntries(Object.entries(testCase.env ?? {}).map(([name, value]) => [name, value?.replace('$CONFIG_DIR', configDir)]));
  const env = { MX_BASE_URL: proxy?.url ?? sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, ...own };
  try {
    return await runCli(testCase.args, { configDir, env, input: testCase.input, timeoutMs: 45_000 });
  } finally {
    await proxy?.close();
  }
}

beforeAll(async () => {
  sandbox = await createSandbox({ jobMs: 10, recordPath: '' });
  const queue = CASES.map((testCase, index) => ({ testCase, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) outcomes.set(next.testCase, await runCase(next.testCase, next.index));
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const byExit: Record<string, number> = {};
  for (const { exitCode } of outcomes.values()) byExit[String(exitCode)] = (byExit[String(exitCode)] ?? 0) + 1;
  const stackTraces = [...outcomes.values()].filter((run) => hasStackTrace(run.stdout + run.stderr)).length;
  const asDocumented = CASES.filter((testCase) => outcomes.get(testCase)?.exitCode === testCase.exit).length;
  reportFigures('bad input', { 'cases tried': CASES.length, 'exit code as documented': asDocumented, 'by exit code': JSON.stringify(byExit), 'stack traces': stackTraces });
}, 300_000);
afterAll(() => sandbox.close());

describe(`bad input: ${CASES.length} cases`, () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const run = outcomes.get(testCase)!;
    const output = run.stdout + run.stderr;
    expect(run.exitCode, output).toBe(testCase.exit);
    expect(hasStackTrace(output)).toBe(false);
    expect(output).not.toMatch(/Unexpected error/);
    if (testCase.absent) expect(output).not.toMatch(testCase.absent);
    if (testCase.exit === 0) return void expect(output).toMatch(testCase.message);
    const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('✖ '));
    expect(errorLines, run.stderr).toHaveLength(1);
    const sentence = errorLines[0]!.slice(2);
    expect(sentence).toMatch(testCase.message);
    expect(sentence).toMatch(/[.?!]$/);
  });
});
