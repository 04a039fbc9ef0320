import { spawn } from 'node:child_process';
import { BIN, type CliResult } from '../helpers/run-cli.js';

export const LINK = /approve access for mx-iav:\s+(http:\/\/\S+)/;

export interface WaitingCli {
  /** Resolves with the n-th sign-in link (1-based) the CLI printed on stderr; rejects if it exits first. */
  link(nth?: number): Promise<string>;
  done: Promise<CliResult>;
}

/**
 * The built binary as a CI job runs it (no terminal), so that a test can play the user's browser while the CLI
 * waits. Same environment as runCli: its own config directory, instant sandbox jobs, no colour.
 */
export function startCli(args: string[], configDir: string, extraEnv: Record<string, string> = {}): WaitingCli {
  const env = { ...process.env, MX_IAV_CONFIG_DIR: configDir, MX_IAV_SANDBOX_JOB_MS: '0', NO_COLOR: '1', ...extraEnv };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => ((stderr += chunk), notify()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
      notify();
    });
  });
  let exited = false;
  void done.then(() => (exited = true));
  const links = () => [...stderr.matchAll(new RegExp(LINK, 'g'))].map((match) => match[1] ?? '');
  return {
    done,
    link: (nth = 1) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = links()[nth - 1];
          if (found) return resolve(found);
          if (exited) return reject(new Error(`The CLI exited without sign-in link ${nth}. stderr:\n${stderr}`));
          waiters.push(check);
        };
        check();
      }),
  };
}

/** What a browser does with the bank's page: load it, then submit the form whose button reads `button`. */
export async function pressOnBankPage(link: string, button: 'Approve' | 'Deny'): Promise<string> {
  const page = await fetch(link);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`The bank page answered ${page.status}: ${html}`);
  const form = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].find(([, , inner]) =>
    inner?.includes(`>${button}</button>`),
  );
  if (!form?.[1] || form[2] === undefined) throw new Error(`No ${button} form on the bank page:\n${html}`);
  const fields = new URLSearchParams();
  for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(name ?? '', value ?? '');
  const reply = await fetch(new URL(form[1], link), { method: 'POST', body: fields });
  return reply.text();
}
