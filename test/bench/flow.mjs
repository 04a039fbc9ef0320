// The verification flow: `mx-iav verify --no-input` against the floor (test/bench/floor-verify.mjs), both talking
// to one sandbox in another process with instant job steps.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchEnv, interleave, summary, timed } from './measure.mjs';

export const BIN = new URL('../../bin/mx-iav.js', import.meta.url).pathname;
const FLOOR = new URL('./floor-verify.mjs', import.meta.url).pathname;
const PROBE = pathToFileURL(new URL('./rss-probe.mjs', import.meta.url).pathname).href;
export const VERIFY_ARGS = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];

/** A run's environment: the sandbox's MX_* variables, the MX Bank test login, and a config directory of its own. */
export function flowEnv(workDir, sandboxEnv, extra = {}) {
  return benchEnv({
    ...sandboxEnv,
    MX_IAV_CREDENTIAL_LOGIN: 'mxuser',
    MX_IAV_CREDENTIAL_PASSWORD: 'password',
    MX_IAV_CONFIG_DIR: mkdtempSync(join(workDir, 'config-')),
    MX_IAV_PROFILE: undefined,
    MX_ENV: undefined,
    MX_IAV_SANDBOX_RECORD: undefined,
    NO_COLOR: '1',
    ...extra,
  });
}

export async function runCliVerify(workDir, sandboxEnv, { nodeArgs = [], extraArgs = [], extraEnv = {} } = {}) {
  const run = await timed(process.execPath, [...nodeArgs, BIN, ...VERIFY_ARGS, ...extraArgs], { env: flowEnv(workDir, sandboxEnv, extraEnv) });
  if (!/"account_number"/.test(run.stdout)) throw new Error(`verify printed no account numbers:\n${run.stdout}`);
  return run;
}

async function runFloor(workDir, sandboxEnv, { nodeArgs = [], extraEnv = {} } = {}) {
  const run = await timed(process.execPath, [...nodeArgs, FLOOR], { env: flowEnv(workDir, sandboxEnv, extraEnv) });
  if (!/^\["\d+"/.test(run.stdout)) throw new Error(`the floor script printed no account numbers:\n${run.stdout}`);
  return run;
}

/** The sandbox's MX_* variables plus the MX API version both the CLI and the floor speak. */
const versioned = (env, apiVersion) => ({ ...env, MX_API_VERSION: apiVersion });

export async function benchFlowTime(sandbox, workDir, rounds, apiVersion) {
  const samples = await interleave(
    [
      { label: 'cli', run: async () => (await runCliVerify(workDir, versioned(sandbox.env(), apiVersion))).ms },
      { label: 'floor', run: async () => (await runFloor(workDir, versioned(sandbox.env(), apiVersion))).ms },
    ],
    { rounds },
  );
  return { cli: summary(samples.get('cli')), floor: summary(samples.get('floor')) };
}

/** One run of each through the sandbox's counting relay: requests the sandbox answered, connections opened. */
export async function benchTraffic(sandbox, workDir, apiVersion) {
  const measure = async (run) => {
    const before = await sandbox.report();
    await run(versioned(sandbox.env(true), apiVersion));
    const after = await sandbox.report();
    const requests = after.requests.slice(before.requests.length);
    return { requests: requests.length, connections: after.connections - before.connections, sequence: requests.map(describe) };
  };
  return {
    cli: await measure((env) => runCliVerify(workDir, env)),
    floor: await measure((env) => runFloor(workDir, env)),
  };
}

/** Peak RSS (KB) of each kind of run, from the process itself (test/bench/rss-probe.mjs). */
export async function benchMemory(sandbox, workDir, runs) {
  const peak = async (run) => {
    const file = join(mkdtempSync(join(workDir, 'rss-')), 'max-rss');
    await run({ nodeArgs: ['--import', PROBE], extraEnv: { MX_IAV_BENCH_RSS_FILE: file } });
    return Number(readFileSync(file, 'utf8')) / 1024;
  };
  const cli = [];
  const floor = [];
  for (let i = 0; i < runs; i += 1) {
    cli.push(await peak((options) => runCliVerify(workDir, sandbox.env(), options)));
    floor.push(await peak((options) => runFloor(workDir, sandbox.env(), options)));
  }
  return { cli: summary(cli), floor: summary(floor) };
}

const describe = ({ method, path }) => `${method} ${path.replace(/\/(USR|MBR|ACT)-[^/]+/g, '/$1-…')}`;
