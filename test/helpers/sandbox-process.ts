import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { BIN } from './run-cli.js';
import { anyOf, onEvents, waitFor } from './wait-for.js';

export interface SandboxProcess {
  server: ChildProcess;
  /** Everything it printed on stdout: the lines to export, the version banner and the scenario table. */
  out: string;
  /** The MX_* lines it printed, by name. */
  exported: Record<string, string>;
  stop(): Promise<void>;
}

/** `mx-iav sandbox --port 0 <args>` as its own process, once it has printed its scenario table. */
export async function startSandboxProcess(args: string[], configDir: string): Promise<SandboxProcess> {
  const server = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', ...args], {
    env: { ...process.env, NO_COLOR: '1', MX_IAV_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  server.stdout!.on('data', (chunk) => (out += chunk));
  // The logins table's last row: the sandbox listens and has said how to reach it.
  await waitFor(() => /^harborview_brokerage .*\n/m.test(out), anyOf(onEvents(server.stdout!, 'data'), onEvents(server, 'exit')), {
    what: () => `mx-iav sandbox ${args.join(' ')} to print its logins table (it printed ${JSON.stringify(out)})`,
  });
  const exported: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^(MX_[A-Z_]+)=(.+)$/.exec(line);
    if (match) exported[match[1]!] = match[2]!;
  }
  return {
    server,
    out,
    exported,
    async stop() {
      server.kill('SIGINT');
      await once(server, 'exit');
    },
  };
}
