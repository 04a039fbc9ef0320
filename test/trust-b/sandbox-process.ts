import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BIN } from '../helpers/run-cli.js';

export interface Served {
  url: string;
  clientId: string;
  apiKey: string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `mx-iav sandbox --port 0` as a process, with extra environment (a recording, a state file), once it listens. */
export async function serveSandbox(configDir: string, env: Record<string, string> = {}, args: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--job-ms', '0', ...args], {
    env: { ...process.env, NO_COLOR: '1', MX_IAV_CONFIG_DIR: configDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  while (!/listening on/.test(err)) {
    if (child.exitCode !== null) throw new Error(`sandbox exited ${child.exitCode}: ${err}`);
    await Promise.race([once(child.stderr, 'data'), once(child, 'exit')]);
  }
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(out)?.[1] ?? '';
  return {
    url: value('MX_BASE_URL'),
    clientId: value('MX_CLIENT_ID'),
    apiKey: value('MX_API_KEY'),
    stderr: () => err,
    async stop() {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
