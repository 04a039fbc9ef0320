import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let runs = 0;
const fresh = () => `${root}/run-${(runs += 1)}`;
// How each scenario must end, as the README's scenario table documents it: stated here, not read from the catalog,
// so a catalog entry that changes its end fails these tests. OAuth needs someone to approve in a browser;
// test/scenarios/oauth-scenario.test.ts does that.
const EXPECTED: readonly (readonly [name: string, institution: string, end: string])[] = [
  ['happy', 'mxbank', 'CONNECTED'],
  ['one-account', 'mxbank', 'CONNECTED'],
  ['mfa-text', 'mxbank', 'CONNECTED'],
  ['mfa-options', 'mxbank', 'CONNECTED'],
  ['mfa-token', 'mxbank', 'CONNECTED'],
  ['mfa-image', 'mxbank', 'CONNECTED'],
  ['mfa-image-options', 'mxbank', 'CONNECTED'],
  ['rejected', 'mxbank', 'REJECTED'],
  ['denied', 'mxbank', 'DENIED'],
  ['locked', 'mxbank', 'LOCKED'],
  ['failed', 'mxbank', 'FAILED'],
  ['no-eligible-accounts', 'mxbank', 'NO_ELIGIBLE_ACCOUNTS'],
  ['oauth', 'mx_bank_oauth', 'CONNECTED'],
];
const CREDENTIAL_SCENARIOS = EXPECTED.filter(([name]) => name !== 'oauth').map(([name, , end]) => [name, end] as const);

describe('mx-iav scenarios', () => {
  it('lists every scenario with its expected end, as a table and as JSON', async () => {
    const configDir = fresh();
    const table = await runCli(['scenarios'], { configDir });
    expect(table.exitCode).toBe(0);
    for (const [name, institution, end] of EXPECTED) expect(table.stdout).toMatch(new RegExp(`^${name} +${institution} .* ${end} `, 'm'));
    expect(table.stderr).not.toMatch(/sandbox/);
    const json = JSON.parse((await runCli(['scenarios', '--json'], { configDir })).stdout);
    expect(json.map((row: { name: string; expect: string }) => [row.name, row.expect])).toEqual(EXPECTED.map(([name, , end]) => [name, end]));
    expect(json.find((row: { name: string }) => row.name === 'denied')).toMatchObject({ institution: 'mxbank', login: 'mxuser', expect: 'DENIED' });
  });
});

// Each run has its own config directory and sandbox, so they can run side by side.
describe.concurrent('verify --scenario against the built-in sandbox', () => {
  it.each(CREDENTIAL_SCENARIOS)('%s ends %s as expected: exit 0', async (name, expected) => {
    const result = await runCli(['verify', '--no-input', '--json', '--scenario', name], { configDir: fresh() });
    expect(result.stderr).not.toMatch(/✖/);
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ scenario: name, expected, outcome: expected });
    if (expected === 'CONNECTED') expect(document.account_numbers[0].account_number).toMatch(/^•+\d{1,4}$/);
  });

  it.each(CREDENTIAL_SCENARIOS)('%s with a wrong --expect exits 5 with "expected X, got %s"', async (name, actual) => {
    const wrong = actual === 'CONNECTED' ? 'DENIED' : 'CONNECTED';
    const result = await runCli(['verify', '--no-input', '--scenario', name, '--expect', wrong], { configDir: fresh() });
    expect(result.exitCode, result.stderr).toBe(5);
    expect(result.stderr).toMatch(new RegExp(`✖ Scenario ${name}: expected ${wrong}, got ${actual}(\\.|: .+\\.)\\n`));
    expect(result.stdout).toBe('');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('runs the same scenario twice in one profile (a new user and member each time)', async () => {
    const configDir = fresh();
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await runCli(['verify', '--no-input', '--scenario', 'denied'], { configDir });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/✔ Scenario denied ended DENIED, as expected: .+\./);
    }
  });

  it('ignores MX_IAV_CREDENTIAL_* from the environment, but lets --credential override', async () => {
    const env = { MX_IAV_CREDENTIAL_PASSWORD: 'LOCKED' };
    expect((await runCli(['verify', '--no-input', '--scenario', 'happy'], { configDir: fresh(), env })).exitCode).toBe(0);
    const overridden = await runCli(['verify', '--no-input', '--scenario', 'happy', '--credential', 'PASSWORD=LOCKED', '--expect', 'locked'], { configDir: fresh() });
    expect(overridden.exitCode).toBe(0);
    expect(overridden.stdout).toMatch(/ended LOCKED, as expected/);
  });

  it('--expect works without a scenario, and refuses an unknown end or scenario with exit 2', async () => {
    const env = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'UNAUTHORIZED' };
    const plain = await runCli(['verify', '--no-input', '--institution', 'mxbank', '--expect', 'DENIED'], { configDir: fresh(), env });
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toMatch(/^✔ The verification ended DENIED, as expected/);
    const badEnd = await runCli(['verify', '--no-input', '--scenario', 'happy', '--expect', 'GREAT'], { configDir: fresh() });
    expect(badEnd.exitCode).toBe(2);
    expect(badEnd.stderr).toMatch(/--expect takes how a verification ends, and "GREAT" is not one/);
    const badName = await runCli(['verify', '--no-input', '--scenario', 'nope'], { configDir: fresh() });
    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toMatch(/There is no scenario named "nope"/);
  });
});

describe('verify --junit', () => {
  it('writes a passing testcase when the outcome matches', async () => {
    const configDir = fresh();
    const file = `${configDir}-report.xml`;
    const result = await runCli(['verify', '--no-input', '--scenario', 'locked', '--junit', file], { configDir });
    expect(result.exitCode).toBe(0);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="mx-iav" tests="1" failures="0" errors="0" time="\d+\.\d{3}">/);
    expect(xml).toMatch(/<testcase classname="mx-iav.verify" name="locked" time="\d+\.\d{3}">/);
    expect(xml).not.toMatch(/<failure|<error/);
    expect(xml).toMatch(/<system-out>expected: LOCKED\nenvironment: sandbox\noutcome: LOCKED\nuser: USR-[^\n]+\nmember: MBR-[^<]+<\/system-out>/);
  });

  it('writes a failure element with the sentence when it does not', async () => {
    const configDir = fresh();
    const file = `${configDir}-report.xml`;
    const result = await runCli(['verify', '--no-input', '--scenario', 'failed', '--expect', 'CONNECTED', '--junit', file], { configDir });
    expect(result.exitCode).toBe(5);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('tests="1" failures="1" errors="0"');
    expect(xml).toMatch(/<failure message="Scenario failed: expected CONNECTED, got FAILED: [^"]+" type="unexpected_outcome">Scenario failed: expected CONNECTED, got FAILED: /);
  });

  it('records a run that never reached an end as an error, and keeps that run\'s exit code', async () => {
    const configDir = fresh();
    const file = `${configDir}-report.xml`;
    const env = { MX_BASE_URL: 'http://127.0.0.1:9', MX_CLIENT_ID: 'id', MX_API_KEY: 'key' };
    const result = await runCli(['verify', '--no-input', '--scenario', 'happy', '--junit', file, '--timeout', '5s'], { configDir, env });
    expect(result.exitCode).toBe(4);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('tests="1" failures="0" errors="1"');
    expect(xml).toMatch(/<error message="[^"]*refused[^"]*" type="mx_network">/);
  });
});
