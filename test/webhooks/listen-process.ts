import { spawnCli } from '../helpers/spawn-cli.js';
import type { CliOptions, CliResult } from '../helpers/run-cli.js';
import { anyOf, onEvents, waitFor } from '../helpers/wait-for.js';

export interface Listener {
  /** Where it said it listens (its stderr line). */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Ctrl-C (or the signal given), then what it printed and its exit code. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
  /** Waits until stdout holds `count` lines (or the listener exits). */
  lines(count: number): Promise<string[]>;
}

/** `mx-iav listen --port 0 <args>` as its own process, once it has said where it listens (and registered, if asked). */
export async function startListener(args: string[], options: CliOptions, ready = /Listening for MX webhooks on (\S+)/): Promise<Listener> {
  const { child, result } = spawnCli(['listen', '--port', '0', ...args], { timeoutMs: 60_000, ...options });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const printedOrExited = anyOf(onEvents(child.stderr!, 'data'), onEvents(child.stdout!, 'data'), onEvents(child, 'exit'));
  await waitFor(() => (ready.test(err) && /Listening for MX webhooks on (\S+)/.test(err)) || child.exitCode !== null, printedOrExited, {
    what: `mx-iav listen ${args.join(' ')} to say it listens`,
    signal: AbortSignal.timeout(15_000),
  });
  const url = /Listening for MX webhooks on (\S+)/.exec(err)?.[1] ?? `(not listening: ${err})`;
  return {
    url,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      return result;
    },
    async lines(count) {
      const lines = () => out.split('\n').filter(Boolean);
      await waitFor(() => lines().length >= count || child.exitCode !== null, printedOrExited, { what: `${count} lines from mx-iav listen` });
      return lines();
    },
  };
}

/** POSTs a body the way MX does: JSON, `content-type: application/json; charset=utf-8`. */
export async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body });
  return response.status;
}

export const basicHeader = (login: string) => ({ authorization: `Basic ${Buffer.from(login).toString('base64')}` });
