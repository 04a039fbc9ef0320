import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onFileChanges, waitFor } from '../helpers/wait-for.js';
import { savedState, startWidgetCli } from './cli-run.js';
import { customer, type Customer } from './flow-customer.js';
import { steppingClock } from '../helpers/stepping-clock.js';

// The built binary against a sandbox of the test's own (so the test can act as the customer on the same MX state
// and try links after the CLI is done). The customer acts through MX's API as the widget page does.
const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);

let sandbox: Sandbox;
let person: Customer;
let env: Record<string, string>;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, widgetUrlTtlMs: 1500 });
  person = customer(sandbox);
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  person.close();
  await sandbox.close();
});

const verify = ['verify', '--widget', '--no-input', '--json'];

describe('mx-iav verify --widget (no terminal)', () => {
  it('prints the link on a line of its own, follows the customer\'s member, and prints the numbers as verify does', async () => {
    const configDir = fresh();
    const cli = startWidgetCli(verify, configDir, env);
    const link = await cli.link();
    expect((await fetch(link)).status).toBe(200);
    // One use: the customer's second open is refused.
    expect((await fetch(link)).status).toBe(410);
    const user = savedState(configDir).user_guid as string;
    await person.answer(user, await person.signIn(user, 'good'), 'correct');
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ status: 'verified', user_guid: user, institution: { code: 'mxbank' }, connection_status: 'CONNECTED' });
    // Masked as verify masks them: the last four digits only.
    expect(output.account_numbers[0].account_number).toMatch(/^\D+\d{4}$/);
    expect(savedState(configDir)).toMatchObject({ member_guid: output.member_guid, step: 'done' });
    expect(result.stderr).not.toContain(sandbox.apiKey);
  });

  it('--reveal shows the whole numbers, and the institution opens the widget on it', async () => {
    const configDir = fresh();
    const cli = startWidgetCli([...verify, '--reveal', '--institution', 'mxbank'], configDir, env);
    await cli.link();
    const user = savedState(configDir).user_guid as string;
    await person.answer(user, await person.signIn(user, 'good'), 'correct');
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    const [number] = JSON.parse(result.stdout).account_numbers;
    expect(number.account_number).toMatch(/^\d{5,}$/);
  });

  it('makes a new link once the old one has expired, says so on stderr, and the old one is refused', async () => {
    const configDir = fresh();
    const cli = startWidgetCli(verify, configDir, { ...env, MX_IAV_WIDGET_URL_LIFETIME: '1500ms' });
    const first = await cli.link();
    const second = await cli.link(2);
    expect(second).not.toBe(first);
    expect((await fetch(first)).status).toBe(410);
    const user = savedState(configDir).user_guid as string;
    await person.answer(user, await person.signIn(user, 'good'), 'correct');
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Warning: The link expired after 2 seconds with nothing seen of the customer; here is a new one.');
  });

  it('a customer who never comes ends in exit 7 with one JSON error', async () => {
    const result = await runCli([...verify, '--timeout', '1s'], { configDir: fresh(), env, clock: steppingClock() });
    expect(result.exitCode).toBe(7);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'timeout', message: 'The customer had not chosen a bank after 1 seconds.' });
  });

  it.each([
    [['--credential', 'LOGIN=mxuser'], '--widget cannot be used with --credential: the customer answers the bank in the widget themselves.'],
    [['--expect', 'CONNECTED'], '--widget cannot be used with --expect: a CI check has no customer to sign in.'],
    [['--locale', 'fr CA'], '--locale takes a language tag such as en-US or fr-CA, not "fr CA".'],
  ])('refuses %j in one sentence, exit 2', async (extra, sentence) => {
    const result = await runCli([...verify, ...extra], { configDir: fresh(), env });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout).error.message).toBe(sentence);
  });
});

describe('the member is saved as soon as it is seen', () => {
  it('an interrupted run leaves it saved, and resume carries it to the numbers', async () => {
    const configDir = fresh();
    const cli = startWidgetCli(verify, configDir, env);
    await cli.link();
    const user = savedState(configDir).user_guid as string;
    const member = await person.signIn(user, 'challenge');
    await waitFor(() => savedState(configDir).member_guid === member, onFileChanges(configDir), { what: 'the run to save the member' });
    cli.kill('SIGINT');
    expect((await cli.done).exitCode).toBe(130);
    const status = await runCli(['status', '--json'], { configDir, env });
    expect(JSON.parse(status.stdout)).toMatchObject({ member_guid: member });
    const report = await runCli(['report'], { configDir, env });
    expect(report.exitCode).toBe(0);
    expect(report.stdout).toContain(member);

    const resumed = startWidgetCli(['resume', '--widget', '--no-input', '--json'], configDir, env);
    const link = await resumed.link();
    expect(link).toMatch(/\/widget\/connect\//);
    await person.answer(user, member, 'correct');
    const result = await resumed.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'verified', member_guid: member });
    // Under --json, stderr holds the link and nothing else.
    expect(result.stderr).toBe(`Send the customer this link to verify their account (it works once, for 10 minutes):\n${link}\n`);
  });
});

describe('other ways in', () => {
  it('speaks v20111101 (mode: verification) as well', async () => {
    const configDir = fresh();
    const cli = startWidgetCli([...verify, '--api-version', 'v20111101'], configDir, env);
    await cli.link();
    const user = savedState(configDir).user_guid as string;
    await person.answer(user, await person.signIn(user, 'good'), 'correct');
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'verified', connection_status: 'CONNECTED' });
  });

  it('resume --widget --user --member reopens a member this profile never saw', async () => {
    const user = (await person.client.createUser({ id: `typed-${Date.now()}` })).guid;
    const member = await person.signIn(user, 'challenge');
    const configDir = fresh();
    const cli = startWidgetCli(['resume', '--widget', '--no-input', '--json', '--user', user, '--member', member], configDir, env);
    await cli.link();
    await person.answer(user, member, 'correct');
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ user_guid: user, member_guid: member });
  });

  it('resume --widget --user of another user says what it replaces and drops the old user\'s member', async () => {
    const first = (await person.client.createUser({ id: `first-${Date.now()}` })).guid;
    const member = await person.signIn(first, 'challenge');
    const configDir = fresh();
    // Left waiting for the customer (exit 7): the profile now follows that user and member.
    await runCli(['resume', '--widget', '--no-input', '--json', '--user', first, '--member', member, '--timeout', '1s'], { configDir, env, clock: steppingClock() });
    expect(savedState(configDir)).toMatchObject({ user_guid: first, member_guid: member });
    const other = (await person.client.createUser({ id: `other-${Date.now()}` })).guid;
    const result = await runCli(['resume', '--widget', '--no-input', '--json', '--user', other, '--timeout', '1s'], { configDir, env, clock: steppingClock() });
    expect(result.stderr).toContain(`Profile "default" now follows user ${other}, instead of member ${member} of user ${first} (back to it with: mx-iav resume --user ${first} --member ${member}).`);
    expect(result.stderr).not.toContain('no longer knows');
    expect(savedState(configDir)).toMatchObject({ user_guid: other });
    expect(savedState(configDir).member_guid).toBeUndefined();
  });

  it('resume --widget --user --member interrupted: the hint names that user and member', async () => {
    const user = (await person.client.createUser({ id: `typed-${Date.now()}` })).guid;
    const member = await person.signIn(user, 'challenge');
    const cli = startWidgetCli(['resume', '--widget', '--no-input', '--user', user, '--member', member], fresh(), env);
    await cli.link();
    cli.kill('SIGINT');
    const result = await cli.done;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toContain(`Continue with: mx-iav resume --user ${user} --member ${member} --widget`);
  });

  it('resume --widget with nothing saved says so, exit 3', async () => {
    const result = await runCli(['resume', '--widget', '--no-input', '--json'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ message: 'There is no saved member to reopen in the widget.', hint: 'Start one with: mx-iav verify --widget' });
  });
});

