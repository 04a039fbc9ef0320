import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// A shared config directory (a 1777 one, say) where another local user can plant links, FIFOs or directories in
// the places mx-iav writes. Nothing of the user's is written through them, nothing hangs, and each ends in one
// sentence naming the file with exit 3.

const env = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'x' };
const verify = ['verify', '--no-input', '--institution', 'mxbank', '--select-account', 'first'];
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

/** A file of the user's that a planted link points at: it must stay as it was. */
function victim(): string {
  const path = join(tempDir(), 'bashrc');
  writeFileSync(path, 'export PS1=mine\n', { mode: 0o644 });
  return path;
}

function expectUntouched(path: string) {
  expect(readFileSync(path, 'utf8')).toBe('export PS1=mine\n');
  expect(statSync(path).mode & 0o777).toBe(0o644);
}

function shared(): string {
  const dir = tempDir();
  chmodSync(dir, 0o1777);
  return dir;
}

describe('the built-in sandbox\'s folder in a shared config directory', () => {
  it('is created 0700, as profiles/ is', async () => {
    const configDir = shared();
    const run = await runCli(verify, { configDir, env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(statSync(join(configDir, 'sandbox')).mode & 0o777).toBe(0o700);
    expect(statSync(join(configDir, 'sandbox', 'default.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(configDir, 'sandbox'))).toEqual(['default.json']);
  });

  it('a link planted in place of the folder is refused, and nothing is written where it points', async () => {
    const configDir = shared();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(configDir, 'sandbox'));
    const run = await runCli(verify, { configDir, env });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain(`The sandbox state directory ${join(configDir, 'sandbox')} is a symbolic link, which mx-iav does not follow.`);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a link planted in place of the state file is not followed', async () => {
    const configDir = shared();
    const target = victim();
    mkdirSync(join(configDir, 'sandbox'), { mode: 0o700 });
    symlinkSync(target, join(configDir, 'sandbox', 'default.json'));
    const run = await runCli(verify, { configDir, env });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('default.json: it is a symbolic link, which the sandbox does not follow;');
    expectUntouched(target);
  });

  it('a corrupt state is kept as .corrupt without following a link planted there', async () => {
    const configDir = shared();
    const target = victim();
    mkdirSync(join(configDir, 'sandbox'), { mode: 0o700 });
    writeFileSync(join(configDir, 'sandbox', 'default.json'), '{not json', { mode: 0o600 });
    symlinkSync(target, join(configDir, 'sandbox', 'default.json.corrupt'));
    const run = await runCli(verify, { configDir, env });
    expect(run.exitCode, run.stderr).toBe(0);
    expectUntouched(target);
    const corrupt = join(configDir, 'sandbox', 'default.json.corrupt');
    expect(lstatSync(corrupt).isFile()).toBe(true);
    expect(readFileSync(corrupt, 'utf8')).toBe('{not json');
  });

  it.each([
    ['a FIFO', (path: string) => mkfifo(path)],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
    ['a directory', (path: string) => mkdirSync(path)],
  ])('%s as the state file: exit 3 at once, naming it', async (_name, plant) => {
    const configDir = shared();
    mkdirSync(join(configDir, 'sandbox'), { mode: 0o700 });
    plant(join(configDir, 'sandbox', 'default.json'));
    const run = await runCli(verify, { configDir, env, timeoutMs: 20_000 });
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain(`The sandbox cannot read its state from ${join(configDir, 'sandbox', 'default.json')}: `);
  });
});

describe('the profile\'s lock file', () => {
  it.each([
    ['a directory', (path: string) => mkdirSync(path), 'a directory stands there'],
    ['a FIFO', (path: string) => mkfifo(path), 'something that is not a regular file stands there'],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), 'it is a symbolic link'],
  ])('%s in its place: exit 3 naming it, no draft left, no hang', async (_name, plant, why) => {
    const configDir = tempDir();
    mkdirSync(join(configDir, 'profiles'), { mode: 0o700 });
    const lock = join(configDir, 'profiles', 'default.lock');
    plant(lock);
    const run = await runCli(['create-user', '--json'], { configDir, timeoutMs: 20_000 });
    expect(run.exitCode).toBe(3);
    expect(JSON.parse(run.stdout).error.message).toBe(`mx-iav cannot take the profile's lock ${lock}: ${why}.`);
    expect(readdirSync(join(configDir, 'profiles'))).toEqual(['default.lock']);
  });
});

const hasStrace = spawnSync('strace', ['-V']).status === 0;

describe.skipIf(!hasStrace)('a full or read-only disk (strace injects the error)', () => {
  it.each([
    ['the lock\'s link, ENOSPC', 'link,linkat', 'ENOSPC', /^mx-iav cannot take the profile's lock .*default\.lock: ENOSPC\.$/],
    // The first rename of a run on the built-in sandbox is its state's save.
    ['the first save, ENOSPC', 'rename,renameat,renameat2', 'ENOSPC', /^The sandbox cannot write its state to .*sandbox\/default\.json: no space is left on the device; /],
    ['the first save, EROFS', 'rename,renameat,renameat2', 'EROFS', /^The sandbox cannot write its state to .*sandbox\/default\.json: the file system is read-only; /],
  ])('%s: exit 3 with the file named, no draft left', (_name, calls, errno, message) => {
    const configDir = tempDir();
    const run = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', '-e', `trace=${calls}`, '-e', `inject=${calls}:error=${errno}:when=1`, process.execPath, BIN, 'create-user', '--json'], {
      env: { ...process.env, MX_IAV_CONFIG_DIR: configDir, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(3);
    expect(run.stdout + run.stderr).not.toContain('Unexpected error');
    expect(JSON.parse(run.stdout).error.message).toMatch(message);
    for (const dir of ['profiles', 'sandbox'].filter((name) => existsSync(join(configDir, name)))) {
      expect(readdirSync(join(configDir, dir)).filter((name) => /\.lock\.|\.tmp|\.json\./.test(name))).toEqual([]);
    }
  });
});

describe('the recording file and the --junit report', () => {
  it('a recording path that is a link or a FIFO is refused at start, without following or blocking', async () => {
    const target = victim();
    const dir = tempDir();
    symlinkSync(target, join(dir, 'record.jsonl'));
    mkfifo(join(dir, 'fifo.jsonl'));
    for (const name of ['record.jsonl', 'fifo.jsonl']) {
      const run = await runCli(['sandbox', '--port', '0'], { configDir: tempDir(), env: { MX_IAV_SANDBOX_RECORD: join(dir, name) }, timeoutMs: 20_000 });
      expect(run.exitCode, run.stderr).toBe(3);
      expect(run.stderr).toContain(`The sandbox cannot write its recording to ${join(dir, name)}: `);
    }
    expectUntouched(target);
  });

  it('a --junit path that is a link or a FIFO is replaced, never written through', async () => {
    const target = victim();
    const dir = tempDir();
    symlinkSync(target, join(dir, 'report.xml'));
    mkfifo(join(dir, 'fifo.xml'));
    for (const name of ['report.xml', 'fifo.xml']) {
      const run = await runCli([...verify, '--junit', join(dir, name)], { configDir: tempDir(), env, timeoutMs: 30_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(lstatSync(join(dir, name)).isFile()).toBe(true);
      expect(readFileSync(join(dir, name), 'utf8')).toContain('<testsuite');
    }
    expectUntouched(target);
  });
});
