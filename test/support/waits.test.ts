import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onEvents, waitFor } from '../helpers/wait-for.js';
import { startVerifying } from '../mx/verify-run.js';

const root = tempDir();
const LOGIN = 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1';
const PASSWORD = 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d';

async function verifyingMember(client: MxClient, password: string) {
  const user = await client.createUser({ metadata: 'created by mx-iav' });
  const member = await startVerifying(client, user.guid, {
    institution_code: 'mxbank',
    credentials: [{ guid: LOGIN, value: 'mxuser' }, { guid: PASSWORD, value: password }],
  });
  return { user: user.guid, member: member.guid };
}

describe('durations out of range are usage errors (exit 2), not a timer that overflows', () => {
  it.each([
    ['status', '--watch', '--poll-interval', '597h'],
    ['verify', '--no-input', '--poll-interval', '2h'],
    ['verify', '--no-input', '--timeout', '25h'],
    ['resume', '--no-input', '--timeout', '99999999999999999999s'],
  ])('%s %s %s %s', async (...args) => {
    const result = await runCli(args, { configDir: `${root}/range` });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/ --(poll-interval|timeout) must be at most (1h|24h), not "\d+[a-z]*"\.$/m);
  });
});

describe('waiting on a job that does not finish', () => {
  let slow: Sandbox;
  let env: Record<string, string>;
  let client: MxClient;
  beforeAll(async () => {
    slow = await createSandbox({ port: 0, jobMs: 600_000 });
    env = { MX_BASE_URL: slow.url, MX_CLIENT_ID: slow.clientId, MX_API_KEY: slow.apiKey };
    client = createMxClient({ baseUrl: slow.url, clientId: slow.clientId, apiKey: slow.apiKey });
  });
  afterAll(() => slow.close());

  it('--timeout bounds the whole wait, however long --poll-interval is (status --watch)', async () => {
    const { user, member } = await verifyingMember(client, 'password');
    const started = Date.now();
    const result = await runCli(['status', '--watch', '--user', user, '--member', member, '--poll-interval', '30m', '--timeout', '1s'], { configDir: `${root}/watch-timeout`, env });
    expect(result.exitCode).toBe(7);
    expect(result.stderr).toMatch(/MX Bank was still CREATED after 1 seconds\./);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('--timeout bounds the whole wait, however long --poll-interval is (verify)', async () => {
    const started = Date.now();
    const args = ['verify', '--no-input', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password', '--poll-interval', '30m', '--timeout', '1s'];
    const result = await runCli(args, { configDir: `${root}/verify-timeout`, env });
    expect(result.exitCode).toBe(7);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('status --watch through a challenge', () => {
  let sandbox: Sandbox;
  let client: MxClient;
  beforeAll(async () => {
    // A frozen clock the test advances: each step happens when the test moves time, not when a busy machine gets to it.
    sandbox = await createSandbox({ port: 0, jobMs: 200, now: () => Date.parse('2026-03-02T10:00:00Z') });
    client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey });
  });
  afterAll(() => sandbox.close());

  it('keeps watching while CHALLENGED, says how to answer, and under --json prints one JSON line per change', async () => {
    const { user, member } = await verifyingMember(client, 'challenge');
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
    const watch = spawnCli(['status', '--watch', '--json', '--user', user, '--member', member, '--poll-interval', '100ms'], { configDir: `${root}/watch-challenge`, env });
    let stdout = '';
    watch.child.stdout!.on('data', (chunk) => (stdout += chunk));
    // Answer each question from outside, as the customer would with `mx-iav resume`, while the watch goes on.
    for (const answer of ['correct', 'first']) {
      // One job step per advance: the sandbox's time moves only when the test moves it.
      for (let steps = 0; (await client.readMemberStatus(user, member)).connection_status !== 'CHALLENGED'; steps += 1) {
        if (steps > 20) throw new Error(`never CHALLENGED; watch printed:\n${stdout}`);
        sandbox.advance(200);
      }
      // Answer only once the watch has printed the question, as a customer reading it would: a start-up slowed by a
      // busy machine must not let the answer land before the watch's first read.
      if (answer === 'correct') {
        await waitFor(() => stdout.includes('"connection_status":"CHALLENGED"'), onEvents(watch.child.stdout!, 'data'), {
          what: "the watch to print CHALLENGED",
          signal: AbortSignal.timeout(15_000),
        });
      }
      const [challenge] = await client.listMemberChallenges(user, member);
      const value = answer === 'first' ? (challenge!.options?.[0]?.value ?? '') : answer;
      await client.resumeAggregation(user, member, [{ guid: challenge!.guid!, value }]);
    }
    sandbox.advance(1000);
    const result = await watch.result;
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { connection_status: string; hint?: string; at: string });
    const statuses = lines.map((line) => line.connection_status);
    expect(statuses).toContain('CHALLENGED');
    expect(statuses.at(-1)).toBe('CONNECTED');
    expect(statuses.indexOf('CHALLENGED')).toBeLessThan(statuses.lastIndexOf('CONNECTED'));
    expect(lines.find((line) => line.connection_status === 'CHALLENGED')?.hint).toBe(`Answer it with: mx-iav resume --user ${user} --member ${member}`);
    for (const line of lines) expect(line.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
