import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { fullSuites, reportFigures } from '../helpers/figures.js';
import { hasStackTrace, runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// N verifications by the real binary through one sandbox that fails 10% of requests with 500/503, throttles 5% with
// 429 + Retry-After, resets 2% of connections (half of the failures after carrying the request out) and adds latency
// jitter. Every run must end in success or a documented failure, MX must hold no duplicate, and every user and member
// MX created must be in some profile. MX_IAV_FULL_SUITES=1 runs the full size.

const RUNS = fullSuites() ? 200 : 50;
const PARALLEL = 4;

/** The scenarios cycled through, with the exit code each ends in when nothing is left to chance. */
const SCENARIOS = [
  { name: 'account choice', args: ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=fault-run'], exit: 0 },
  { name: 'TEXT challenge', args: ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=challenge'], exit: 0 },
  { name: 'OPTIONS challenge', args: ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=options'], exit: 0 },
  { name: 'one account', args: ['--credential', 'LOGIN=mxuser_one_account', '--credential', 'PASSWORD=fault-run'], exit: 0 },
  { name: 'denied', args: ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=INVALID'], exit: 5 },
  { name: 'no eligible account', args: ['--credential', 'LOGIN=mxuser_no_dda', '--credential', 'PASSWORD=fault-run'], exit: 5 },
];
// A failure that retries could not hide (exit 4) or a wait that ran out (7) is clean too: one sentence, resumable.
const CLEAN_FAILURES = new Set([4, 5, 7]);

let sandbox: Sandbox;
const configDir = tempDir('mx-iav-faults-');
const results: { scenario: (typeof SCENARIOS)[number]; run: CliResult }[] = [];

beforeAll(async () => {
  sandbox = await createSandbox({ seed: 20_240_611, failRate: 0.1, throttleRate: 0.05, resetRate: 0.02, latencyMs: 30, jobMs: 20, recordPath: '' });
  const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < RUNS; i = next++) {
      const scenario = SCENARIOS[i % SCENARIOS.length]!;
      const args = ['verify', '--no-input', '--json', '--debug', '--profile', `run-${i}`, '--institution', 'mxbank', ...scenario.args];
      const run = await runCli([...args, '--answer', 'correct', '--select-account', 'first', '--timeout', '60s'], { configDir, env, timeoutMs: 90_000 });
      results.push({ scenario, run });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}, 600_000);
afterAll(() => sandbox.close());

/** Every guid saved in any profile of the shared config directory. */
function savedGuids(): Set<string> {
  const saved = new Set<string>();
  for (const name of readdirSync(join(configDir, 'profiles'))) {
    const file = JSON.parse(readFileSync(join(configDir, 'profiles', name), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
    for (const state of Object.values(file.environments)) {
      for (const key of ['user_guid', 'member_guid']) if (typeof state[key] === 'string') saved.add(state[key] as string);
    }
  }
  return saved;
}

/** Every user and member guid the sandbox holds, read through its API (faults and all; the client retries). */
async function createdGuids(): Promise<string[]> {
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, retry: { limit: 12, maxDelayMs: 200 } });
  const guids: string[] = [];
  for await (const user of client.paginate((query) => client.listUsers(query), 100)) {
    guids.push(user.guid);
    for await (const member of client.paginate((query) => client.listMembers(user.guid, query), 100)) guids.push(member.guid);
  }
  client.close();
  return guids;
}

const retriesIn = (stderr: string) => (stderr.match(/ attempt ([2-9]|\d\d+) /g) ?? []).length;

describe(`faults: ${RUNS} verifications at 10% 5xx, 5% 429, 2% resets, latency jitter`, () => {
  it('every run ends in success or a clean documented failure; no duplicates; no lost guids', async () => {
    const stats = sandbox.stats();
    const saved = savedGuids();
    const created = await createdGuids();
    const lost = created.filter((guid) => !saved.has(guid));
    const byExit: Record<string, number> = {};
    for (const { run } of results) byExit[String(run.exitCode)] = (byExit[String(run.exitCode)] ?? 0) + 1;
    const successes = results.filter(({ run }) => run.exitCode === 0).length;
    const cleanFailures = results.filter(({ run }) => CLEAN_FAILURES.has(run.exitCode ?? -1)).length;
    const asPlanned = results.filter(({ scenario, run }) => run.exitCode === scenario.exit).length;
    const stackTraces = results.filter(({ run }) => hasStackTrace(run.stdout) || /^\s+at .+:\d+:\d+\)?$/m.test(run.stderr.replace(/^debug: .*$/gm, ''))).length;
    reportFigures('faults', {
      runs: results.length,
      successes,
      'ended as their scenario plans': asPlanned,
      'clean failures': `${cleanFailures} (by exit code: ${JSON.stringify(byExit)})`,
      'duplicate users': stats.duplicate_user_ids,
      'duplicate members': stats.duplicate_member_ids,
      'lost guids': lost.length,
      'client retries': results.reduce((sum, { run }) => sum + retriesIn(run.stderr), 0),
      'faults injected': `${stats.requests.faults.errors} 5xx, ${stats.requests.faults.throttled} 429, ${stats.requests.faults.resets} resets of ${stats.requests.total} requests`,
    });

    expect(results).toHaveLength(RUNS);
    expect(successes + cleanFailures).toBe(RUNS);
    expect(stackTraces).toBe(0);
    expect(stats.duplicate_user_ids).toBe(0);
    expect(stats.duplicate_member_ids).toBe(0);
    expect(lost).toEqual([]);
    expect(created.length).toBeGreaterThanOrEqual(RUNS);
    // Faults were really injected, and most runs still reached the end their scenario is meant to have.
    expect(stats.requests.faults.errors + stats.requests.faults.throttled + stats.requests.faults.resets).toBeGreaterThan(RUNS);
    expect(asPlanned / RUNS).toBeGreaterThan(0.9);
    for (const { run } of results.filter(({ run }) => run.exitCode !== 0)) {
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { message: expect.stringMatching(/\.$/) } });
    }
  });
});
