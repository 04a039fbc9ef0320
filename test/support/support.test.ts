import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// One sandbox for the file, with a recognisable API key, so a test can prove the key never reaches the output.
const API_KEY = 'canary-api-key-5150';
const root = tempDir();
let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, apiKey: API_KEY });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(() => sandbox.close());

const cli = (args: string[], configDir: string, extra: Record<string, string> = {}) =>
  runCli(args, { configDir, env: { ...env, ...extra } });

describe('users, members, report and cleanup (one story, in order)', () => {
  const configDir = `${root}/story`;
  let revealed: string[] = [];

  it('setup: two scenario runs and one user made by someone else', async () => {
    expect((await cli(['verify', '--no-input', '--scenario', 'denied'], configDir)).exitCode).toBe(0);
    expect((await cli(['create-user', '--id', 'partner-own-7', '--email', 'own@example.com', '--metadata', 'not ours'], `${root}/other`)).exitCode).toBe(0);
    expect((await cli(['verify', '--no-input', '--scenario', 'happy'], configDir)).exitCode).toBe(0);
    const numbers = JSON.parse((await cli(['account-numbers', '--reveal', '--json'], configDir)).stdout);
    revealed = numbers.account_numbers.map((row: { account_number: string }) => row.account_number);
    expect(revealed[0]).toMatch(/^\d{6,}$/);
  });

  it('users lists every user, marks the saved one, and filters by --id and --email', async () => {
    const all = await cli(['users'], configDir);
    expect(all.exitCode).toBe(0);
    expect(all.stdout).toMatch(/^Guid +Id +Email +Disabled +Metadata$/m);
    expect(all.stdout.match(/^USR-/gm)).toHaveLength(3);
    expect(all.stdout.match(/\(saved\)/g)).toHaveLength(1);
    expect(all.stdout).toMatch(/\n3 users\n$/);
    const byId = JSON.parse((await cli(['users', '--json', '--id', 'partner-own-7'], configDir)).stdout);
    expect(byId.users).toEqual([expect.objectContaining({ id: 'partner-own-7', email: 'own@example.com' })]);
    const byEmail = await cli(['users', '--email', 'nobody@example.com'], configDir);
    expect(byEmail.stdout).toBe('No users match.\n');
  });

  it('members lists the saved user\'s members with their status', async () => {
    const result = await cli(['members'], configDir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^MBR-\S+ \(saved\) +mxbank +CONNECTED +no +\d{4}-/m);
    const other = await cli(['members', '--user', 'not-a-guid'], configDir);
    expect(other.exitCode).toBe(2);
  });

  it('report summarises the case with no secret and no whole account number', async () => {
    const result = await cli(['report'], configDir);
    expect(result.exitCode).toBe(0);
    const text = result.stdout;
    expect(text).toMatch(/^mx-iav case report \(\d{4}-\d\d-\d\dT/);
    expect(text).toMatch(/^CLI: +mx-iav \d+\.\d+\.\d+, Node v\d+/m);
    expect(text).toMatch(/^Environment: +sandbox, http:\/\/127\.0\.0\.1:\d+; client id set \(environment\), API key set \(environment\)/m);
    expect(text).toMatch(/^User: +USR-/m);
    expect(text).toMatch(/^Institution: +MX Bank \(mxbank\)/m);
    expect(text).toMatch(/^Status now: +CONNECTED/m);
    expect(text).toMatch(/^ {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}CONNECTED$/m);
    expect(text).toMatch(/^ {2}ACT-\S+ {2}•+\d{1,4} {2}routing \d{9} {2}MX validated: true$/m);
    const json = await cli(['report', '--json'], configDir);
    for (const output of [text, json.stdout, result.stderr, json.stderr]) {
      expect(output).not.toContain(API_KEY);
      for (const number of revealed) expect(output).not.toContain(number);
    }
    expect(JSON.parse(json.stdout).mx.account_numbers[0].account_number).toMatch(/^•+\d{1,4}$/);
  });

  it('cleanup under --no-input without --yes deletes nothing and names --yes (exit 6)', async () => {
    const result = await cli(['cleanup', '--no-input'], configDir);
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toMatch(/would delete 2 sandbox users created by the profile "default"/);
    expect(result.stderr).toMatch(/--yes/);
    expect(sandbox.stats().users).toBe(3);
  });

  it('cleanup --yes deletes only the users mx-iav created and forgets the saved guids', async () => {
    const result = await cli(['cleanup', '--yes', '--json'], configDir);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ deleted: [expect.stringMatching(/^USR-/), expect.stringMatching(/^USR-/)], failed: [] });
    const left = JSON.parse((await cli(['users', '--json'], configDir)).stdout);
    expect(left.users.map((user: { id: string }) => user.id)).toEqual(['partner-own-7']);
    const status = await cli(['status'], configDir);
    expect(status.exitCode).toBe(3);
    expect(status.stderr).toMatch(/No user is saved/);
    const again = await cli(['cleanup', '--yes'], configDir);
    expect(again.stdout).toMatch(/^No sandbox users created by the profile "default": nothing to delete\./);
  });
});
