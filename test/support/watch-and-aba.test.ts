import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onEvents, waitFor } from '../helpers/wait-for.js';
import { startVerifying } from '../mx/verify-run.js';

const root = tempDir();

describe('status --watch', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    // A frozen clock: the member stays working until the test advances it, once the watcher has shown it working,
    // however long a busy machine takes to start the watcher (real 1 s steps were not enough: CI saw only CONNECTED).
    sandbox = await createSandbox({ port: 0, jobMs: 1000, now: () => Date.parse('2026-03-02T10:00:00Z') });
  });
  afterAll(() => sandbox.close());

  it('prints each status change with its time until the member stops working', { timeout: 30_000 }, async () => {
    const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey });
    const user = await client.createUser({ metadata: 'created by mx-iav' });
    const member = await startVerifying(client, user.guid, {
      institution_code: 'mxbank',
      credentials: [
        { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', value: 'mxuser_one_account' },
        { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', value: 'password' },
      ],
    });
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
    const watch = spawnCli(['status', '--watch', '--user', user.guid, '--member', member.guid, '--poll-interval', '100ms'], { configDir: `${root}/watch`, env });
    let printed = '';
    watch.child.stdout!.on('data', (chunk) => (printed += chunk));
    await waitFor(() => printed.includes('(working)'), onEvents(watch.child.stdout!, 'data'), { what: 'the watch to show the member working', signal: AbortSignal.timeout(15_000) });
    sandbox.advance(10_000);
    const result = await watch.result;
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}[A-Z]+/);
    expect(lines[0]).toMatch(/\(working\)/);
    expect(lines.at(-1)).toMatch(/Z {2}CONNECTED {2}/);
    expect(new Set(lines.map((line) => line.slice(26))).size).toBe(lines.length);
  });
});

describe('routing numbers: the local ABA checksum beside MX\'s passed_validation', () => {
  let server: ScriptedServer;
  const numbers = [
    // MX says validated, but the checksum is wrong.
    { guid: 'ACN-1', account_guid: 'ACT-bad', member_guid: 'MBR-1', user_guid: 'USR-1', account_number: '1234567890', routing_number: '123456789', passed_validation: true, institution_number: null, transit_number: null },
    // MX could not validate a number whose checksum is fine.
    { guid: 'ACN-2', account_guid: 'ACT-unvalidated', member_guid: 'MBR-1', user_guid: 'USR-1', account_number: '2234567890', routing_number: '011000015', passed_validation: false, institution_number: null, transit_number: null },
    // Both agree: no warning.
    { guid: 'ACN-3', account_guid: 'ACT-good', member_guid: 'MBR-1', user_guid: 'USR-1', account_number: '3234567890', routing_number: '021000021', passed_validation: true, institution_number: null, transit_number: null },
  ];
  const page = { current_page: 1, per_page: 100, total_entries: 3, total_pages: 1 };
  beforeAll(async () => {
    server = await startScriptedServer();
    server.always('GET', '/users/USR-1/members/MBR-1/account_numbers', { body: { account_numbers: numbers, pagination: page } });
    server.always('GET', '/users/USR-1/members/MBR-1/accounts', { body: { accounts: [], pagination: { ...page, total_entries: 0 } } });
  });
  afterAll(() => server.close());

  it('warns on stderr, once per disagreement, and shows both in the JSON', async () => {
    const env = { MX_BASE_URL: server.url, MX_CLIENT_ID: 'client', MX_API_KEY: 'key' };
    const result = await runCli(['account-numbers', '--json', '--user', 'USR-1', '--member', 'MBR-1'], { configDir: `${root}/aba`, env });
    expect(result.exitCode).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('WARNING:'));
    expect(warnings).toEqual([
      'WARNING: MX marked routing number 123456789 (ACT-bad) as validated, but its ABA checksum is wrong; confirm it with the bank.',
      'WARNING: MX did not validate routing number 011000015 (ACT-unvalidated), though its ABA checksum is valid; confirm it with the bank.',
    ]);
    const rows = JSON.parse(result.stdout).account_numbers;
    expect(rows.map((row: { routing_number_checksum_valid: boolean; passed_validation: boolean }) => [row.routing_number_checksum_valid, row.passed_validation])).toEqual([
      [false, true],
      [true, false],
      [true, true],
    ]);
  });
});
