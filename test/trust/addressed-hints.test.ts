import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// A support agent looks at one customer's member by guid while the profile has another saved. Every next step
// printed must name the member looked at: a plain `mx-iav resume` would continue the other customer's.

const denied = ['--no-input', '--json', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=INVALID'];
const configDir = tempDir('mx-iav-addressed-');
let user = '';
let memberA = '';
let memberB = '';

beforeAll(async () => {
  const first = await runCli(['verify', ...denied], { configDir });
  expect(first.exitCode, first.stdout).toBe(5);
  const saved = JSON.parse((await runCli(['members', '--json'], { configDir })).stdout) as { user_guid: string; members: { guid: string }[] };
  user = saved.user_guid;
  memberA = saved.members[0]!.guid;
  // Another login at the same bank: MX would answer the same login with the existing member (409).
  const second = await runCli(['verify', '--new', ...denied, '--credential', 'LOGIN=mxuser_one_account'], { configDir });
  expect(second.exitCode, second.stdout).toBe(5);
  const both = JSON.parse((await runCli(['members', '--json'], { configDir })).stdout) as { members: { guid: string }[] };
  memberB = both.members.map((m) => m.guid).find((guid) => guid !== memberA)!;
  expect(memberB).toMatch(/^MBR-/);
}, 60_000);

describe('hints of a command addressed by guid name that user and member', () => {
  it('status --member A: the re-enter hint continues A, not the saved B', async () => {
    const run = await runCli(['status', '--member', memberA], { configDir });
    expect(run.stdout).toContain(`  Re-enter them with: mx-iav resume --user ${user} --member ${memberA} --update-credentials\n`);
    expect(run.stdout).not.toMatch(/mx-iav (verify|resume)(?! --user)/);
  });

  it('status --user U --member A --json: the same in the hint field', async () => {
    const run = await runCli(['status', '--user', user, '--member', memberA, '--json'], { configDir });
    const status = JSON.parse(run.stdout);
    expect(status.hint).toBe(`Re-enter them with: mx-iav resume --user ${user} --member ${memberA} --update-credentials`);
    // The same step as data, for a script to run without parsing the sentence.
    expect(status.next_steps).toEqual([
      { command: 'resume', args: [], flags: { user, member: memberA, 'update-credentials': true }, text: `mx-iav resume --user ${user} --member ${memberA} --update-credentials` },
    ]);
  });

  it('account-numbers --member A: "Run:" names A', async () => {
    const run = await runCli(['account-numbers', '--member', memberA], { configDir });
    expect(run.stdout).toContain(`Run: mx-iav resume --user ${user} --member ${memberA}\n`);
  });

  it('under --profile the flags come first, then the command with its guids', async () => {
    const other = tempDir();
    const made = await runCli(['--profile', 'jane', 'verify', ...denied], { configDir: other });
    const guids = JSON.parse((await runCli(['--profile', 'jane', 'members', '--json'], { configDir: other })).stdout) as { user_guid: string; members: { guid: string }[] };
    expect(made.exitCode).toBe(5);
    const run = await runCli(['--profile', 'jane', 'status', '--member', guids.members[0]!.guid], { configDir: other });
    expect(run.stdout).toContain(`mx-iav --profile jane resume --user ${guids.user_guid} --member ${guids.members[0]!.guid} --update-credentials`);
  });

  it('the profile\'s own member, not addressed by guid, keeps the plain hint', async () => {
    const run = await runCli(['status'], { configDir });
    expect(run.stdout).toContain('  Re-enter them with: mx-iav verify --update-credentials\n');
  });

  it('followed as printed, the hint verifies member A, and says that the profile now follows A instead of B', async () => {
    const hinted = (await runCli(['status', '--member', memberA], { configDir })).stdout.match(/mx-iav (resume .*)\n/)![1]!.split(' ');
    const run = await runCli([...hinted, '--no-input', '--json', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=right', '--select-account', 'first'], { configDir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).member_guid).toBe(memberA);
    expect(run.stderr).toContain(
      `Profile "default" now follows member ${memberA} of user ${user}, instead of member ${memberB} of user ${user} (back to it with: mx-iav resume --user ${user} --member ${memberB}).`,
    );
  });
});

describe('create-user again says which saved user it replaces', () => {
  it('in text and JSON', async () => {
    const dir = tempDir();
    const first = JSON.parse((await runCli(['create-user', '--json'], { configDir: dir })).stdout) as { user: { guid: string }; replaced_user_guid: null };
    expect(first.replaced_user_guid).toBeNull();
    const second = await runCli(['create-user'], { configDir: dir });
    expect(second.stdout).toContain(`It replaces ${first.user.guid} as the profile's saved user (still at MX: mx-iav members --user ${first.user.guid}). Next:`);
    const third = JSON.parse((await runCli(['create-user', '--json'], { configDir: dir })).stdout) as { replaced_user_guid: string };
    expect(third.replaced_user_guid).toMatch(/^USR-/);
    expect(third.replaced_user_guid).not.toBe(first.user.guid);
  });
});

describe('under npx, a hint inside a result is written as invoked once', () => {
  it('status prints "npx mx-iav", never "npx npx mx-iav"', async () => {
    const project = tempDir();
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    const link = join(project, 'node_modules', '.bin', 'mx-iav');
    symlinkSync(BIN, link);
    const dir = tempDir();
    // What npx sets for the program it runs (npm 10): npm_command=exec, npm_execpath, npm_lifecycle_event=npx.
    const env = { npm_command: 'exec', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js', npm_lifecycle_event: 'npx' };
    await runCli(['verify', ...denied], { configDir: dir });
    const { spawnSync } = await import('node:child_process');
    const status = spawnSync(process.execPath, [link, 'status'], { env: { ...process.env, ...env, MX_IAV_CONFIG_DIR: dir, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(status.stdout).toContain('  Re-enter them with: npx mx-iav verify --update-credentials\n');
    expect(status.stdout).not.toContain('npx npx');
  });
});

describe('resume --user of a user this profile did not create', () => {
  it('is not among the users cleanup deletes', async () => {
    const dir = tempDir();
    // Both profiles on one MX (the sandbox process), so the second profile can address the first one's user.
    const { startSandboxProcess } = await import('../helpers/sandbox-process.js');
    const server = await startSandboxProcess(['--job-ms', '0'], tempDir());
    try {
      const env = server.exported;
      const made = JSON.parse((await runCli(['--profile', 'other', 'create-user', '--json'], { configDir: dir, env })).stdout) as { user: { guid: string } };
      await runCli(['resume', '--user', made.user.guid, '--no-input', '--institution', 'mxbank'], { configDir: dir, env });
      const cleanup = await runCli(['cleanup', '--yes', '--json'], { configDir: dir, env });
      expect(cleanup.stdout).not.toContain(made.user.guid);
      const users = await runCli(['users', '--json'], { configDir: dir, env });
      expect(users.stdout).toContain(made.user.guid);
    } finally {
      await server.stop();
    }
  });
});
