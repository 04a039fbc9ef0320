import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

// The package as npm users meet it: packed, then installed or run with npx in an empty directory.
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = tempDir('mx-iav-package-');
let tarball: string;
let packedFiles: string[];

beforeAll(() => {
  // The suite's build made dist/; packing must not rebuild it while other tests run the binary.
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  const [packed] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
  tarball = packed!.filename;
  packedFiles = packed!.files.map((file) => file.path);
});

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

function emptyDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  return dir;
}

/** No MX credentials anywhere, so the built-in sandbox answers; the MX Bank test login comes from the environment. */
function userEnv(configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MX_IAV_CONFIG_DIR: configDir,
    MX_IAV_SANDBOX_JOB_MS: '0',
    MX_IAV_CREDENTIAL_LOGIN: 'mxuser',
    MX_IAV_CREDENTIAL_PASSWORD: 'password',
  };
  for (const key of ['MX_BASE_URL', 'MX_CLIENT_ID', 'MX_API_KEY', 'MX_ENV', 'MX_IAV_PROFILE', 'MX_IAV_INSTITUTION']) delete env[key];
  return env;
}

describe('the packed tarball', () => {
  it('holds the bundle, its quick answers and the third-party notices, and no sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['bin/mx-iav.js', 'dist/main.js', 'dist/quick-answers.json', 'THIRD-PARTY-NOTICES.md', 'package.json']));
    expect(packedFiles.filter((path) => /^(src|test|node_modules)\//.test(path))).toEqual([]);
  });

  it('installs into an empty directory, offline, as one package with no dependencies', async () => {
    const dir = emptyDir('install');
    const result = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, tarball)], dir, process.env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['mx-iav']);
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'mx-iav', 'package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
  });

  it('verifies an account with `npx --yes ./<tarball> verify --no-input --json`, exit 0', async () => {
    const dir = emptyDir('npx');
    copyFileSync(join(work, tarball), join(dir, tarball));
    const args = ['--yes', `./${tarball}`, 'verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];
    const result = await run('npx', args, dir, userEnv(join(work, 'npx-config')));
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ status: 'verified', connection_status: 'CONNECTED' });
    expect(document.account_numbers).toEqual([
      expect.objectContaining({ account_number: expect.stringMatching(/^••••\d{4}$/), routing_number: expect.stringMatching(/^\d{9}$/) }),
    ]);
  });
});
