// Starts test/bench/sandbox-host.ts in its own process and asks it what it saw.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { benchEnv } from './measure.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function bundleHost(workDir) {
  const outfile = join(workDir, 'sandbox-host.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['test/bench/sandbox-host.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** { url, countedUrl, clientId, apiKey, report(), close() } for a sandbox whose job steps take jobMs. */
export function startSandbox(hostFile, jobMs) {
  const child = fork(hostFile, [String(jobMs)], { env: benchEnv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`the benchmark sandbox exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next('ready').then((ready) => ({
    ...ready,
    /** The MX_* variables that point a client at this sandbox, through the counting relay or straight to it. */
    env: (counted = false) => ({ MX_BASE_URL: counted ? ready.countedUrl : ready.url, MX_CLIENT_ID: ready.clientId, MX_API_KEY: ready.apiKey }),
    report() {
      const answer = next('report');
      child.send({ type: 'report' });
      return answer;
    },
    close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill(), 2000);
      return exited.finally(() => clearTimeout(timer));
    },
  }));
}
