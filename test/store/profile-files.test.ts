import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// mx-iav creates its own directories 0700, leaves the mode of one it did not create alone, and uses only profile
// files and directories of the user's own, never through a link planted in their place.

const ANOTHER_USER = 65534;
const root = tempDir('mx-iav-profile-files-');
let count = 0;
const fresh = () => {
  const dir = join(root, `case-${(count += 1)}`);
  mkdirSync(dir);
  return dir;
};
const setClientId = (configDir: string) => runCli(['config', 'set', 'client-id', 'my-client'], { configDir });

describe('an existing config directory', () => {
  it('keeps its mode (a 1777 shared one is not made 0700); the profiles directory mx-iav makes is 0700', async () => {
    const shared = fresh();
    chmodSync(shared, 0o1777);
    expect((await setClientId(shared)).exitCode).toBe(0);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(statSync(join(shared, 'profiles')).mode & 0o777).toBe(0o700);
  });

  it('reached through a symbolic link keeps the mode of the directory it points at', async () => {
    const target = fresh();
    chmodSync(target, 0o1777);
    const link = join(fresh(), 'config-link');
    symlinkSync(target, link);
    expect((await setClientId(link)).exitCode).toBe(0);
    expect(statSync(target).mode & 0o7777).toBe(0o1777);
  });

  it('that does not exist yet is created 0700', async () => {
    const configDir = join(fresh(), 'new', 'mx-iav');
    expect((await setClientId(configDir)).exitCode).toBe(0);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
  });
});

describe('a profile file replaced by a symbolic link', () => {
  it('is refused in one sentence (exit 3), and the file it points at is left as it was', async () => {
    const configDir = fresh();
    mkdirSync(join(configDir, 'profiles'), { mode: 0o700 });
    const elsewhere = join(fresh(), 'victim.json');
    writeFileSync(elsewhere, '{"settings":{},"environments":{}}');
    symlinkSync(elsewhere, join(configDir, 'profiles', 'default.json'));
    const result = await setClientId(configDir);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`The profile file ${join(configDir, 'profiles', 'default.json')} is a symbolic link, which mx-iav does not follow.`);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{"settings":{},"environments":{}}');
  });
});

describe("another user's files", () => {
  const planted = (configDir: string) => {
    mkdirSync(join(configDir, 'profiles'), { mode: 0o700 });
    const file = join(configDir, 'profiles', 'default.json');
    writeFileSync(file, JSON.stringify({ settings: { base_url: 'http://127.0.0.1:9', client_id: 'planted' } }), { mode: 0o600 });
    return file;
  };

  it.each([
    { what: 'profile file', owned: (_configDir: string, file: string) => [file] },
    { what: 'profiles directory', owned: (configDir: string) => [join(configDir, 'profiles')] },
    { what: 'config directory', owned: (configDir: string) => [configDir] },
  ])('a $what owned by another user is refused in one sentence (exit 3), for reading too', async ({ what, owned }) => {
    const configDir = fresh();
    const file = planted(configDir);
    const [path] = owned(configDir, file);
    chownSync(path!, ANOTHER_USER, ANOTHER_USER);
    for (const args of [['config', 'list'], ['status', '--json']]) {
      const result = await runCli(args, { configDir });
      expect(result.exitCode).toBe(3);
      const sentence = `The ${what} ${path} belongs to another user (uid ${ANOTHER_USER}), so mx-iav will not use it.`;
      expect(result.stderr + result.stdout).toContain(sentence);
    }
  });
});

describe('a corrupt profile file', () => {
  it('is described without quoting any of its contents', async () => {
    const configDir = fresh();
    mkdirSync(join(configDir, 'profiles'), { mode: 0o700 });
    writeFileSync(join(configDir, 'profiles', 'default.json'), '{"settings":{"api_key":"corrupt-SECRET-9d1f"', { mode: 0o600 });
    const result = await runCli(['config', 'list'], { configDir });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/default\.json cannot be read: it is not valid JSON\./);
    expect(result.stderr + result.stdout).not.toMatch(/SECRET|corrupt-|api_key/);
  });
});
