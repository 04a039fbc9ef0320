// The built binary running `verify --widget` or `resume --widget` as a CI job would (no terminal), with the widget
// links it prints on stderr handed to the test, which plays the customer.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, type CliResult } from '../helpers/run-cli.js';

/** A widget link alone on its line, as the CLI prints it. */
export const WIDGET_LINK = /^(http:\/\/\S+\/widget\/connect\/\S+)$/gm;

export interface WidgetCli {
  /** Resolves with the n-th widget link (1-based) printed on stderr; rejects if the CLI exits first. */
  link(nth?: number): Promise<string>;
  /** Resolves once stderr holds `text`. */
  said(text: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

export function startWidgetCli(args: string[], configDir: string, env: Record<string, string> = {}): WidgetCli {
  const fullEnv = { ...process.env, MX_IAV_CONFIG_DIR: configDir, MX_IAV_SANDBOX_JOB_MS: '0', NO_COLOR: '1', ...env };
  const child = spawn(process.execPath, [BIN, ...args], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => ((stderr += chunk), notify()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      exited = true;
      resolve({ exitCode, stdout, stderr });
      notify();
    });
  });
  const until = <T>(found: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value !== undefined) return resolve(value);
        if (exited) return reject(new Error(`The CLI exited before ${what}. stderr:\n${stderr}`));
        waiters.push(check);
      };
      check();
    });
  return {
    done,
    link: (nth = 1) => until(() => [...stderr.matchAll(WIDGET_LINK)][nth - 1]?.[1], `widget link ${nth}`),
    said: (text) => until(() => (stderr.includes(text) ? true : undefined), `saying "${text}"`).then(() => undefined),
    kill: (signal) => child.kill(signal),
  };
}

/** The profile's one saved environment (an external sandbox is keyed by its URL). */
export const savedState = (configDir: string) => {
  const environments = JSON.parse(readFileSync(join(configDir, 'profiles', 'default.json'), 'utf8')).environments as Record<string, Record<string, unknown>>;
  return Object.values(environments)[0] ?? {};
};
