// Time to the widget link: from spawning `mx-iav verify --widget --no-input --json` to its link on stderr (the run
// is then stopped: the rest is the customer's time), against start-up plus one request, twice over: Node and one
// fetch of the link (test/bench/floor-widget.mjs), and mx-iav's own start-up with one request (`users --json`), which
// isolates what the widget path adds. The CLI makes two requests on purpose: the customer's user, then the link.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './flow.mjs';
import { benchEnv, interleave, summary, timed } from './measure.mjs';

const FLOOR = new URL('./floor-widget.mjs', import.meta.url).pathname;
const LINK = /^http:\/\/\S+\/widget\/connect\/\S+$/m;

/** Milliseconds from spawn until a widget link is on the child's stderr; the child is then stopped. */
function timeToLink(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let seenAt = null;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (seenAt !== null || !LINK.test(stderr)) return;
      seenAt = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('close', () => (seenAt === null ? reject(new Error(`no widget link on stderr:\n${stderr.slice(-2000)}`)) : resolve(seenAt)));
  });
}

async function newUser(env) {
  const response = await fetch(`${env.MX_BASE_URL}/users`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'accept-version': 'v20250224',
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${env.MX_CLIENT_ID}:${env.MX_API_KEY}`).toString('base64')}`,
    },
    body: JSON.stringify({ user: { id: `bench-widget-${crypto.randomUUID()}` } }),
  });
  return (await response.json()).user.guid;
}

export async function benchWidgetLink(sandbox, workDir, rounds) {
  const mx = sandbox.env();
  const user = await newUser(mx);
  const cliEnv = () => benchEnv({ ...mx, MX_IAV_CONFIG_DIR: mkdtempSync(join(workDir, 'widget-')), MX_IAV_PROFILE: undefined, MX_ENV: undefined, NO_COLOR: '1' });
  const samples = await interleave(
    [
      { label: 'cli', run: () => timeToLink([BIN, 'verify', '--widget', '--no-input', '--json'], cliEnv()) },
      { label: 'floor', run: () => timeToLink([FLOOR], benchEnv({ ...mx, MX_IAV_BENCH_USER: user })) },
      { label: 'oneRequest', run: async () => (await timed(process.execPath, [BIN, 'users', '--json', '--id', 'none'], { env: cliEnv() })).ms },
    ],
    { rounds },
  );
  return { cli: summary(samples.get('cli')), floor: summary(samples.get('floor')), oneRequest: summary(samples.get('oneRequest')) };
}
