import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { reportFigures } from '../helpers/figures.js';
import { BIN, runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Random kills never land in the few milliseconds between MX creating a user and the profile saving its guid. This
// fails each profile write in turn instead: strace makes the Nth rename of the run (conf saves by write-then-rename)
// fail with EIO, one run per N, and the run after it (no fault) must finish with the same user and member: MX holds
// no second one and every guid MX made is in the profile.

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const verify = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--select-account', 'first'];
const LIMIT = 40;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ jobMs: 0, recordPath: '' });
});
afterAll(() => sandbox?.close());

interface Outcome {
  n: number;
  faulted: CliResult;
  after: CliResult;
  users: string[];
  members: string[];
  saved: Record<string, unknown>;
}

describe.skipIf(!hasStrace)('a failed write at each profile write of a verification (strace inject)', () => {
  it('leaves no duplicate user or member and no guid unsaved, whichever write fails', async () => {
    const outcomes: Outcome[] = [];
    for (let n = 1; n <= LIMIT; n += 1) {
      const outcome = await faultAt(n);
      outcomes.push(outcome);
      // Past the run's last rename, the injected run is a plain success: every write has been tried.
      if (outcome.faulted.exitCode === 0) break;
    }
    const duplicates = outcomes.filter((o) => o.users.length > 1 || o.members.length > 1);
    const lost = outcomes.filter((o) => ![...o.users, ...o.members].every((guid) => Object.values(o.saved).includes(guid)));
    reportFigures('profile write faults', { 'failed writes': outcomes.length - 1, duplicates: duplicates.length, 'lost guids': lost.length });
    expect(duplicates.map((o) => o.n)).toEqual([]);
    expect(lost.map((o) => o.n)).toEqual([]);
    // A write the fault hit ends in one sentence naming the file (exit 3), never an unexpected error.
    for (const { n, faulted } of outcomes.slice(0, -1)) {
      expect(faulted.exitCode, `write ${n}: ${faulted.stdout}${faulted.stderr}`).toBe(3);
      expect(JSON.parse(faulted.stdout).error.message).toMatch(/profiles\/n\d+\.json: EIO\.$/);
    }
    expect(outcomes.length).toBeGreaterThan(4);
    expect(outcomes.at(-1)!.faulted.exitCode).toBe(0);
    for (const outcome of outcomes) expect(outcome.after.exitCode, `after write ${outcome.n} failed: ${outcome.after.stdout}`).toBe(0);
  }, 300_000);
});

async function faultAt(n: number): Promise<Outcome> {
  const configDir = tempDir('mx-iav-write-fault-');
  // Each run its own user id space: the sandbox is shared, so its users are told apart by the profile's partner id.
  const profile = `n${n}`;
  const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
  const args = ['--profile', profile, ...verify, '--credential', `PASSWORD=fault-${n}`];
  const before = new Set(await userGuids());
  const faulted = await underStrace(n, args, { ...env, MX_IAV_CONFIG_DIR: configDir });
  const after = await runCli(args, { configDir, env });
  const users = (await userGuids()).filter((guid) => !before.has(guid));
  const members = (await Promise.all(users.map(memberGuids))).flat();
  const file = JSON.parse(readFileSync(join(configDir, 'profiles', `${profile}.json`), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
  const saved = Object.values(file.environments)[0] ?? {};
  // conf's temporary files do not stay behind a failed rename.
  expect(readdirSync(join(configDir, 'profiles')).filter((name) => !name.endsWith('.json'))).toEqual([]);
  return { n, faulted, after, users, members, saved };
}

function underStrace(n: number, args: string[], env: Record<string, string>): Promise<CliResult> {
  const strace = ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=rename,renameat,renameat2', '-e', `inject=rename,renameat,renameat2:error=EIO:when=${n}`];
  const child = spawn('strace', [...strace, process.execPath, BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', MX_IAV_SANDBOX_JOB_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

function client() {
  return createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey });
}

async function userGuids(): Promise<string[]> {
  const mx = client();
  const guids: string[] = [];
  for await (const user of mx.paginate((query) => mx.listUsers(query), 100)) guids.push(user.guid);
  mx.close();
  return guids;
}

async function memberGuids(user: string): Promise<string[]> {
  const mx = client();
  const guids: string[] = [];
  for await (const member of mx.paginate((query) => mx.listMembers(user, query), 100)) guids.push(member.guid);
  mx.close();
  return guids;
}
