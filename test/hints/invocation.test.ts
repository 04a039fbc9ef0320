import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hint, step } from '../../src/next-step.js';
import { programName } from '../../src/session/invocation.js';
import { formatHint, nextStepsJson } from '../../src/session/next-steps.js';
import { BIN, runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Every hint names a command to run next; followed as printed, it must act on the same profile and connection.
const denied = ['verify', '--no-input', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=INVALID'];

describe('hints carry the flags that chose the profile and the connection', () => {
  it('an error hint after a run with --profile names that profile', async () => {
    const run = await runCli(['--profile', 'jane', ...denied], { configDir: tempDir() });
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toContain('  Re-enter them with: mx-iav --profile jane verify --update-credentials\n');
  });

  it('the same under --json, in the error\'s hint', async () => {
    const run = await runCli([...denied, '--json', '--profile', 'jane'], { configDir: tempDir() });
    const { error } = JSON.parse(run.stdout);
    expect(error.hint).toBe('Re-enter them with: mx-iav --profile jane verify --update-credentials');
    expect(error.next_steps).toEqual([
      { command: 'verify', args: [], flags: { 'update-credentials': true }, text: 'mx-iav --profile jane verify --update-credentials' },
    ]);
  });

  it('a result\'s "Next:" names the profile from MX_IAV_PROFILE and the connection flags', async () => {
    const configDir = tempDir();
    const run = await runCli(['create-user', '--env', 'sandbox', '--api-version', 'v20111101'], {
      configDir,
      env: { MX_IAV_PROFILE: 'ci_2' },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\. Next: mx-iav --profile ci_2 --env sandbox --api-version v20111101 search-institution NAME\n$/);
  });

  it('a lookup hint names the profile and the client id, never the API key; the default profile adds nothing', async () => {
    const configDir = tempDir();
    const mine = await runCli(['--profile', 'jane', '--api-key', 'K3y-never-shown', '--client-id', 'C1', 'status', '--member', 'MBR-0'], { configDir });
    expect(mine.exitCode).toBe(2);
    expect(mine.stderr).toContain('  Find the user with: mx-iav --profile jane --client-id C1 users\n');
    expect(mine.stderr).not.toContain('K3y-never-shown');
    // The warning about --api-key points at the same profile's saved key.
    expect(mine.stderr).toContain('prefer MX_API_KEY or `mx-iav --profile jane --client-id C1 config set api-key`.');
    const plain = await runCli(['status', '--member', 'MBR-0'], { configDir });
    expect(plain.stderr).toContain('  Find the user with: mx-iav users\n');
  });
});

describe('hints name the program the way it was run', () => {
  it('under npx (its bin link, npm_command=exec) they say npx mx-iav', async () => {
    const project = tempDir();
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    const link = join(project, 'node_modules', '.bin', 'mx-iav');
    symlinkSync(BIN, link);
    const run = await runLink(link, ['--profile', 'jane', ...denied], { MX_IAV_CONFIG_DIR: tempDir(), npm_command: 'exec' });
    expect(run.stderr).toContain('  Re-enter them with: npx mx-iav --profile jane verify --update-credentials\n');
  });
});

describe('formatHint and programName', () => {
  const jane = { prefix: "npx mx-iav --profile jane --base-url 'https://a b'" };
  it.each([
    [hint`Continue with: ${step('resume')}`, "Continue with: npx mx-iav --profile jane --base-url 'https://a b' resume"],
    [hint`(or \`${step('verify', { new: true })}\`)`, "(or `npx mx-iav --profile jane --base-url 'https://a b' verify --new`)"],
    [hint`See: ${step('--help')}`, "See: npx mx-iav --profile jane --base-url 'https://a b' --help"],
    [hint`Remove it: ${step('profiles', 'remove', "it's")}`, "Remove it: npx mx-iav --profile jane --base-url 'https://a b' profiles remove 'it'\\''s'"],
    // Words are never commands: only the steps are written as invoked.
    ['which mx-iav cannot answer', 'which mx-iav cannot answer'],
  ])('%j', (given, expected) => {
    expect(formatHint(given, jane)).toBe(expected);
  });
  it('a run addressed by guid writes its steps for that user and member, and verify as the resume that does it', () => {
    const addressed = { prefix: 'mx-iav', addressed: { user: 'USR-1', member: 'MBR-2' } };
    expect(formatHint(hint`${step('status')}; ${step('verify', { 'update-credentials': true })}; ${step('verify', { new: true })}; ${step('users')}`, addressed)).toBe(
      'mx-iav status --user USR-1 --member MBR-2; mx-iav resume --user USR-1 --member MBR-2 --update-credentials; mx-iav resume --user USR-1; mx-iav users',
    );
    expect(nextStepsJson(hint`Re-enter: ${step('verify', { 'update-credentials': true })}`, addressed)).toEqual([
      { command: 'resume', args: [], flags: { user: 'USR-1', member: 'MBR-2', 'update-credentials': true }, text: 'mx-iav resume --user USR-1 --member MBR-2 --update-credentials' },
    ]);
  });
  it.each([
    ['/p/node_modules/.bin/mx-iav', { npm_command: 'exec' }, 'npx mx-iav'],
    ['/p/node_modules/.bin/mx-iav', { npm_command: 'run-script' }, 'mx-iav'],
    ['/p/bin/mx-iav.js', { npm_command: 'exec' }, 'mx-iav'],
    ['/usr/local/bin/mx-iav', {}, 'mx-iav'],
  ])('%s with %j: %s', (path, env, name) => {
    expect(programName(path, env)).toBe(name);
  });
});

function runLink(path: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path, ...args], {
      env: { ...process.env, MX_IAV_SANDBOX_JOB_MS: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
