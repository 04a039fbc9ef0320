import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// What a support agent types: guids copied from a ticket, sometimes wrong, sometimes without their user.

const root = tempDir();
let sandbox: Sandbox;
let env: Record<string, string>;
let user: string;
let member: string;
const dir = `${root}/agent`;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0 });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
  const verified = await runCli(
    ['verify', '--no-input', '--json', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password', '--select-account', 'first'],
    { configDir: `${root}/customer`, env },
  );
  ({ user_guid: user, member_guid: member } = JSON.parse(verified.stdout));
});
afterAll(() => sandbox.close());

const cli = (args: string[]) => runCli(args, { configDir: dir, env });

describe('a mistyped guid is named in one sentence with the command that lists the right ones (exit 2)', () => {
  it.each([
    { what: 'user', args: () => ['status', '--user', 'USR-typo', '--member', member], sentence: () => 'MX has no user USR-typo.', hint: () => 'mx-iav users' },
    { what: 'member', args: () => ['status', '--user', user, '--member', 'MBR-typo'], sentence: () => `User ${user} has no member MBR-typo.`, hint: () => `mx-iav members --user ${user}` },
    { what: 'member (account-numbers)', args: () => ['account-numbers', '--user', user, '--member', 'MBR-typo'], sentence: () => `User ${user} has no member MBR-typo.`, hint: () => `mx-iav members --user ${user}` },
    { what: 'account', args: () => ['account-numbers', '--user', user, '--member', member, '--account', 'ACT-typo'], sentence: () => `User ${user} has no account ACT-typo.`, hint: () => `mx-iav account-numbers --user ${user} --member ${member}` },
    { what: 'user (members)', args: () => ['members', '--user', 'USR-typo'], sentence: () => 'MX has no user USR-typo.', hint: () => 'mx-iav users' },
    { what: 'user (resume)', args: () => ['resume', '--no-input', '--user', 'USR-typo'], sentence: () => 'MX has no user USR-typo.', hint: () => 'mx-iav users' },
    { what: 'member (resume)', args: () => ['resume', '--no-input', '--user', user, '--member', 'MBR-typo'], sentence: () => `User ${user} has no member MBR-typo.`, hint: () => `mx-iav members --user ${user}` },
  ])('$what', async ({ args, sentence, hint }) => {
    const before = sandbox.stats();
    const result = await cli(args());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(sentence());
    expect(result.stderr).toContain(hint());
    // A status code standing alone: a random guid may hold the digits 404 (MBR-…-b404-…).
    expect(result.stderr).not.toMatch(/(?<![\w-])404(?![\w-])|Not Found/);
    // Nothing was created or forgotten to make up for the typo.
    expect(sandbox.stats()).toMatchObject({ users: before.users, members: before.members });
  });
});

it('status --member without --user asks for the user instead of suggesting verify (which creates one)', async () => {
  const result = await runCli(['status', '--member', member], { configDir: `${root}/empty`, env });
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('--member needs the user it belongs to: add --user USR-....');
  expect(result.stderr).not.toMatch(/mx-iav verify/);
});
