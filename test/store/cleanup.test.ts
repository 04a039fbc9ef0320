import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// One MX client shared by several profiles and config directories (a team, CI jobs): cleanup deletes what its own
// profile created unless told --all, and never a user mx-iav did not make.

let sandbox: Sandbox;
let env: Record<string, string>;
const root = tempDir('mx-iav-cleanup-');
const mine = join(root, 'mine');
const colleague = join(root, 'colleague');

beforeAll(async () => {
  sandbox = await createSandbox({ jobMs: 0, recordPath: '' });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(() => sandbox.close());

const cli = (args: string[], configDir: string) => runCli(args, { configDir, env });
const createUser = async (configDir: string, ...args: string[]) => {
  const result = await cli(['create-user', '--json', ...args], configDir);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout).user.guid as string;
};
const userGuids = async () => {
  const listed = JSON.parse((await cli(['users', '--json'], colleague)).stdout) as { users: { guid: string }[] };
  return listed.users.map((user) => user.guid).sort();
};

describe('cleanup', () => {
  const users: Record<string, string> = {};

  it('setup: users made by two profiles of one directory, by another directory, and one not by mx-iav', async () => {
    users.first = await createUser(mine);
    users.second = await createUser(mine);
    users.otherProfile = await createUser(mine, '--profile', 'other');
    users.colleague = await createUser(colleague);
    users.notOurs = await createUser(colleague, '--id', 'partner-own-1', '--metadata', 'not made by mx-iav');
    expect(await userGuids()).toHaveLength(5);
  });

  it('without --yes under --no-input names what its profile would delete and deletes nothing (exit 6)', async () => {
    const result = await cli(['cleanup', '--no-input'], mine);
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toContain('mx-iav cleanup would delete 2 sandbox users created by the profile "default"');
    expect(await userGuids()).toHaveLength(5);
  });

  it('--yes deletes only the users this profile created', async () => {
    const result = await cli(['cleanup', '--yes', '--json'], mine);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).deleted.sort()).toEqual([users.first, users.second].sort());
    expect(await userGuids()).toEqual([users.otherProfile, users.colleague, users.notOurs].sort());
    const again = await cli(['cleanup', '--yes'], mine);
    expect(again.stdout).toBe(
      'No sandbox users created by the profile "default": nothing to delete. (mx-iav cleanup --all deletes every user mx-iav made for this MX client.)\n',
    );
  });

  it('--all --yes deletes every user mx-iav made for the client, and no other', async () => {
    const result = await cli(['cleanup', '--all', '--yes', '--json'], mine);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).deleted.sort()).toEqual([users.otherProfile, users.colleague].sort());
    expect(await userGuids()).toEqual([users.notOurs]);
  });
});
