import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { freshAccount, RIGHT, ROUTING } from './helpers.js';
import { steppingClock } from '../helpers/stepping-clock.js';

// MX's two minutes, on the sandbox clock: a run that cannot wait that long ends exit 7 with how to come back, the
// clock is advanced through /_sandbox/clock/advance, and resume asks for the amounts at once.
const sandbox = await createSandbox({ port: 0, jobMs: 0 });
afterAll(() => sandbox.close());
const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
const advance = (by: string) =>
  fetch(`${sandbox.url}/_sandbox/clock/advance`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.apiKey}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ by }),
  });

describe('micro-deposits on the sandbox clock', () => {
  it('REQUESTED until two minutes have passed: exit 7, then, the clock advanced, resume ends VERIFIED', async () => {
    const dir = tempDir();
    const first = await runCli(['verify', '--no-input', '--institution', 'harborview_brokerage', '--account-number', freshAccount(), '--routing-number', ROUTING, '--timeout', '1s', ...RIGHT], { configDir: dir, env, clock: steppingClock() });
    expect(first.exitCode, first.stderr).toBe(7);
    expect(first.stderr).toMatch(/had not arrived after 1 seconds \(REQUESTED\)/);
    expect(first.stderr).toContain('mx-iav resume');
    const still = await runCli(['micro-deposits', 'status', '--json'], { configDir: dir, env });
    expect(JSON.parse(still.stdout).micro_deposit.status).toBe('REQUESTED');
    expect((await advance('2m')).status).toBe(200);
    const resumed = await runCli(['resume', '--no-input', '--json', ...RIGHT], { configDir: dir, env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'verified', micro_deposit: { status: 'VERIFIED' } });
  });
});
