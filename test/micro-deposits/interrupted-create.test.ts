import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allMicroDeposits } from '../../src/mx/micro-deposit-calls.js';
import { createHold, startMxProxy } from '../helpers/mx-proxy.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { freshAccount, microDepositSandbox, RIGHT, ROUTING } from './helpers.js';

// kill -9 while the create is in flight, and MX makes the micro-deposit anyway: `resume` must find that one (the user's
// micro-deposits were listed and saved before the create was sent), not send a second create.
const root = tempDir();
const { sandbox, client } = await microDepositSandbox(200);
const savedState = (dir: string) => {
  const file = JSON.parse(readFileSync(join(dir, 'profiles', 'default.json'), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
  return Object.values(file.environments)[0] ?? {};
};

describe('a micro-deposit create whose reply was lost to kill -9', () => {
  it('resume finds it and finishes it: one micro-deposit at the sandbox', async () => {
    const hold = createHold();
    const proxy = await startMxProxy(sandbox.url, [{ method: 'POST', path: /\/micro_deposits$/, times: 1, action: { hold } }]);
    afterAll(() => proxy.close());
    const env = { MX_BASE_URL: proxy.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
    const dir = `${root}/killed`;
    const run = spawnCli(['verify', '--no-input', '--micro-deposits', '--account-number', freshAccount(), '--routing-number', ROUTING], { configDir: dir, env });
    await hold.arrived;
    run.child.kill('SIGKILL');
    await run.result;
    const { user_guid: userGuid, pending_micro_deposit_known: known } = savedState(dir);
    expect(known).toEqual([]);
    hold.release();
    await hold.answered;
    expect(await allMicroDeposits(client, userGuid as string)).toHaveLength(1);
    // No account number this time: the one MX has is found, so nothing needs to be asked again.
    const resumed = await runCli(['resume', '--no-input', ...RIGHT], { configDir: dir, env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Found micro-deposit MIC-\S+, which an interrupted run created/);
    expect(resumed.stdout).toMatch(/^Micro-deposit MIC-\S+: VERIFIED$/m);
    const all = await allMicroDeposits(client, userGuid as string);
    expect(all.map((item) => item.status)).toEqual(['VERIFIED']);
    expect(savedState(dir)).toMatchObject({ micro_deposit_guid: all[0]!.guid });
    expect(savedState(dir).pending_micro_deposit_known).toBeUndefined();
  });
});
