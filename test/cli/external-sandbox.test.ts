import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';

// `mx-iav sandbox` prints three lines to export; after that every command talks to that server.
describe('mx-iav sandbox as a separate process', () => {
  const root = tempDir();
  let sandbox: SandboxProcess;
  let exported: Record<string, string>;
  let out: string;

  beforeAll(async () => {
    sandbox = await startSandboxProcess(['--job-ms', '0', '--seed', '7'], root);
    ({ exported, out } = sandbox);
  });
  afterAll(() => sandbox.stop());

  it('prints the lines to export and the scenario table', () => {
    expect(exported.MX_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exported.MX_CLIENT_ID).toBeTruthy();
    expect(exported.MX_API_KEY).toBeTruthy();
    // The versions it speaks and what happens to a request without Accept-Version, as `#` lines safe to paste.
    expect(out).toContain(
      '# MX API versions: v20250224 (Accept: application/json), v20111101 (Accept: application/vnd.mx.api.v1+json), chosen per request by Accept-Version.\n' +
        '# Requests without Accept-Version: answered 406, as MX does since August 12, 2026 (--legacy-accept serves them as v20111101).\n\n',
    );
    // The scenario table, up to the micro-deposit table that follows it.
    const table = out.slice(out.indexOf('\n\n') + 2).split('\n\n')[0]!.trimEnd().split('\n');
    const cells = table.map((row) => row.split(/ {2,}/));
    expect(cells[0]).toEqual(['Institution', 'Username', 'Password', 'Answers', 'Outcome']);
    // A few rows as the README's sandbox section documents them, and one row per documented scenario.
    expect(cells).toContainEqual(['mxbank', 'mxuser', 'challenge', 'correct', 'TEXT challenge, then CONNECTED']);
    expect(cells).toContainEqual(['mxbank', 'mxuser', 'LOCKED', '-', 'LOCKED']);
    expect(cells).toContainEqual(['mx_bank_oauth', '(OAuth)', '(OAuth)', 'Deny in the browser', 'DENIED']);
    expect(cells).toContainEqual([
      'harborview_brokerage', 'mxuser', 'any', '-',
      'verify → 400: no instant account verification; v20250224 create with data_request account_verification → 201 (product failed), aggregation runs',
    ]);
    expect(cells).toContainEqual(['old_mill_savings', 'mxuser', 'any', '-', 'listed on v20250224 with is_hidden true; create member → 400']);
    expect(cells.slice(1).map((row) => row[0])).toEqual([
      ...Array<string>(17).fill('mxbank'), 'mx_bank_oauth', 'mx_bank_oauth', 'mxcu_oauth', 'old_mill_savings', 'evergreen_fcu', 'harborview_brokerage',
    ]);
  });

  it('verify runs against it with the exported variables', async () => {
    const result = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
      configDir: `${root}/client`,
      env: { ...exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
    });
    expect(result.stderr).not.toMatch(/built-in sandbox/);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).environment).toBe('sandbox');
  });

  it('under --json, a saved member MX no longer knows is still reported on stderr, and a new one is made', async () => {
    const configDir = `${root}/forgotten`;
    const env = { ...exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
    const args = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];
    const first = JSON.parse((await runCli(args, { configDir, env })).stdout);
    const auth = `Basic ${Buffer.from(`${exported.MX_CLIENT_ID}:${exported.MX_API_KEY}`).toString('base64')}`;
    const deleted = await fetch(`${exported.MX_BASE_URL}/users/${first.user_guid}/members/${first.member_guid}`, {
      method: 'DELETE',
      headers: { authorization: auth, accept: 'application/vnd.mx.api.v1+json', 'accept-version': 'v20111101' },
    });
    expect(deleted.status).toBe(204);
    const second = await runCli(args, { configDir, env });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toContain(`Warning: MX no longer knows the saved member ${first.member_guid}`);
    expect(JSON.parse(second.stdout).member_guid).not.toBe(first.member_guid);
  });

  it('a wrong API key is exit 3 and the key is never printed', async () => {
    const result = await runCli(['create-user', '--no-input'], {
      configDir: `${root}/wrong-key`,
      env: { ...exported, MX_API_KEY: 'wrong-key-canary-42' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/401/);
    expect(result.stderr + result.stdout).not.toContain('wrong-key-canary-42');
  });
});
