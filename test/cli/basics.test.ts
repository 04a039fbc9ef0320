import { mkdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);

describe('help and usage', () => {
  it('--help lists every command, the exit codes and examples, on stdout, exit 0', async () => {
    const result = await runCli(['--help'], { configDir: fresh() });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    // The names in the Commands section, exactly: a command added, dropped or renamed must change this list too.
    const section = result.stdout.slice(result.stdout.indexOf('\nCommands:\n'), result.stdout.indexOf('\nExamples:\n'));
    expect([...section.matchAll(/^ {2}([a-z-]+)/gm)].map((match) => match[1])).toEqual([
      'verify', 'resume', 'create-user', 'search-institution', 'create-member', 'status', 'account-numbers', 'config',
      'sandbox', 'scenarios', 'users', 'members', 'report', 'cleanup', 'doctor', 'completion', 'listen', 'trigger', 'micro-deposits', 'help',
    ]);
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toContain('130');
    expect(result.stdout).toContain('Examples:');
  });

  it('-v prints the version', async () => {
    const result = await runCli(['-v'], { configDir: fresh() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown option is a usage error (exit 2) in one sentence', async () => {
    const result = await runCli(['verify', '--frobnicate'], { configDir: fresh() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--frobnicate'/i);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('--json turns a usage error into one JSON document on stdout', async () => {
    const result = await runCli(['status', '--json', '--member', 'not-a-guid'], { configDir: fresh() });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'usage' });
  });
});

describe('environment and credentials', () => {
  it('development without credentials is a configuration error (exit 3)', async () => {
    const result = await runCli(['status', '--env', 'development'], { configDir: fresh() });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/MX_CLIENT_ID/);
  });

  it('refuses a plain-http base URL that is not loopback', async () => {
    const result = await runCli(['status', '--base-url', 'http://example.com', '--client-id', 'x'], {
      configDir: fresh(),
      env: { MX_API_KEY: 'k' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/not https/);
  });

  it('warns that --api-key is visible in the process list', async () => {
    const result = await runCli(['status', '--api-key', 'abc', '--client-id', 'x', '--base-url', 'http://127.0.0.1:9'], {
      configDir: fresh(),
    });
    expect(result.stderr).toMatch(/process list/);
    expect(result.stderr).not.toContain('abc');
  });

  it('a corrupted config file is reported in one sentence with exit 3', async () => {
    const configDir = fresh();
    mkdirSync(join(configDir, 'profiles'), { recursive: true });
    writeFileSync(join(configDir, 'profiles', 'default.json'), '{"settings": {"environment": "prod"');
    const result = await runCli(['status'], { configDir });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('default.json');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('a hand-edited guid that is not a guid is refused before it reaches a URL', async () => {
    const configDir = fresh();
    mkdirSync(join(configDir, 'profiles'), { recursive: true });
    writeFileSync(
      join(configDir, 'profiles', 'default.json'),
      JSON.stringify({ settings: {}, environments: { sandbox: { user_guid: 'USR-../../admin' } } }),
    );
    const result = await runCli(['status'], { configDir });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/user_guid/);
  });
});

describe('config', () => {
  it('stores the API key from stdin in a 0600 file, in a 0700 directory, and never prints it', async () => {
    const configDir = fresh();
    const set = await runCli(['config', 'set', 'api-key'], { configDir, input: 'key-from-stdin-123\n' });
    expect(set.exitCode).toBe(0);
    const list = await runCli(['config', 'list'], { configDir });
    expect(list.stdout).toContain('api-key');
    expect(list.stdout).not.toContain('key-from-stdin-123');
    const get = await runCli(['config', 'get', 'api-key', '--json'], { configDir });
    expect(get.stdout).not.toContain('key-from-stdin-123');
    const path = (await runCli(['config', 'path'], { configDir })).stdout.trim();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(configDir, 'profiles')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toContain('key-from-stdin-123');
  });

  it('refuses the API key as an argument', async () => {
    const result = await runCli(['config', 'set', 'api-key', 'on-the-command-line'], { configDir: fresh() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toContain('on-the-command-line');
  });

  it('validates values and keys', async () => {
    const configDir = fresh();
    expect((await runCli(['config', 'set', 'environment', 'prod'], { configDir })).exitCode).toBe(2);
    expect((await runCli(['config', 'set', 'colour', 'red'], { configDir })).exitCode).toBe(2);
    expect((await runCli(['config', 'set', 'client-id', 'my-client'], { configDir })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'client-id'], { configDir })).stdout.trim()).toBe('my-client');
    expect((await runCli(['config', 'unset', 'client-id'], { configDir })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'client-id'], { configDir })).stdout.trim()).toBe('(not set)');
  });
});
