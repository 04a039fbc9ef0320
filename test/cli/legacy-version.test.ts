import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { pressOnBankPage, startCli } from '../oauth/helpers.js';

// Issue 10 item 5: the default is v20250224, so the rest of the suite runs on it; this representative set runs on
// v20111101 through the real binary (the guide, every MFA type, OAuth, failures), by flag and by MX_API_VERSION.
// The built-in sandbox records every exchange, so each test also sees what was sent: MX's legacy vocabulary
// (supports_account_verification, skip_aggregation, a separate verify). When the suite's contract run collects
// recordings (MX_IAV_CONTRACT_RECORD_DIR), these go there too, to be held against the v20111101 spec.

const root = tempDir('mx-iav-legacy-');
let runs = 0;
const LEGACY = ['--api-version', 'v20111101'];

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  requestBody: { member?: Record<string, unknown>; data_request?: unknown } | null;
  apiVersion?: string | null;
  requestHeaders?: Record<string, string | null>;
}

function place(name: string) {
  runs += 1;
  const configDir = join(root, `c${runs}`);
  const shared = process.env.MX_IAV_CONTRACT_RECORD_DIR;
  const record = shared ? join(shared, `legacy-${runs}.jsonl`) : join(root, `legacy-${runs}.jsonl`);
  return { configDir, record, env: { MX_IAV_SANDBOX_RECORD: record }, name };
}

const recorded = (file: string): Recorded[] =>
  readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Recorded);

/** What only v20111101 sends, and nothing of v20250224's. */
function expectLegacyTraffic(file: string) {
  const exchanges = recorded(file).filter((e) => !e.path.startsWith('/__sandbox') && !e.path.startsWith('/oauth/'));
  expect(exchanges.length).toBeGreaterThan(3);
  for (const exchange of exchanges) {
    if ('apiVersion' in exchange) expect(exchange.apiVersion, `${exchange.method} ${exchange.path}`).toBe('v20111101');
    if (exchange.requestHeaders) expect(exchange.requestHeaders).toMatchObject({ accept: 'application/vnd.mx.api.v1+json', 'accept-version': 'v20111101' });
    expect(exchange.query).not.toHaveProperty('supported_products');
    expect(exchange.requestBody ?? {}).not.toHaveProperty('data_request');
  }
  const creates = exchanges.filter((e) => e.method === 'POST' && /\/members$/.test(e.path));
  expect(creates.length).toBeGreaterThan(0);
  for (const create of creates) expect(create.requestBody?.member).toMatchObject({ skip_aggregation: true });
  expect(exchanges.some((e) => e.method === 'POST' && e.path.endsWith('/verify'))).toBe(true);
  return exchanges;
}

describe('v20111101 through the CLI', () => {
  it('runs MX\'s guide with --api-version v20111101: legacy search filter, skip_aggregation, verify, account selection', async () => {
    const { configDir, record, env } = place('guide');
    const result = await runCli(['verify', '--no-input', '--json', ...LEGACY, '--institution', 'mxbank', '--select-account', 'first'], {
      configDir,
      env: { ...env, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ status: 'verified', connection_status: 'CONNECTED' });
    expect(document.account_numbers[0].routing_number).toMatch(/^\d{9}$/);
    const exchanges = expectLegacyTraffic(record);
    expect(exchanges.some((e) => e.method === 'PUT' && e.path.endsWith('/resume'))).toBe(true);
  });

  it.each(['mfa-text', 'mfa-options', 'mfa-token', 'mfa-image', 'mfa-image-options'])(
    'passes scenario %s with MX_API_VERSION=v20111101',
    async (scenario) => {
      const { configDir, record, env } = place(scenario);
      const result = await runCli(['verify', '--no-input', '--json', '--scenario', scenario], { configDir, env: { ...env, MX_API_VERSION: 'v20111101' } });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ scenario, outcome: 'CONNECTED' });
      expectLegacyTraffic(record);
    },
  );

  it.each([
    ['rejected', 'REJECTED'],
    ['locked', 'LOCKED'],
  ])('ends scenario %s %s on v20111101, as expected', async (scenario, outcome) => {
    const { configDir, record, env } = place(scenario);
    const result = await runCli(['verify', '--no-input', '--json', ...LEGACY, '--scenario', scenario], { configDir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scenario, expected: outcome, outcome });
    expectLegacyTraffic(record);
  });

  it('fails a verification the bank denies with exit 5 and one sentence', async () => {
    const { configDir, record, env } = place('denied');
    const result = await runCli(['verify', '--no-input', ...LEGACY, '--institution', 'mxbank'], {
      configDir,
      env: { ...env, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'INVALID' },
    });
    expect(result.exitCode).toBe(5);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('✖ '))).toHaveLength(1);
    expect(result.stderr).toMatch(/DENIED|denied|credentials/);
    expectLegacyTraffic(record);
  });

  it('connects an OAuth bank on v20111101 once the bank page is approved', async () => {
    const { configDir, record, env } = place('oauth');
    const cli = startCli(['verify', '--no-input', '--json', ...LEGACY, '--scenario', 'oauth'], configDir, env);
    expect(await pressOnBankPage(await cli.link(), 'Approve')).toContain('Access approved.');
    const result = await cli.done;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scenario: 'oauth', outcome: 'CONNECTED', institution: { code: 'mx_bank_oauth' } });
    expectLegacyTraffic(record);
  });
});
