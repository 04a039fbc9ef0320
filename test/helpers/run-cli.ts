import { fileURLToPath } from 'node:url';
import { spawnCli } from './spawn-cli.js';

export const BIN = fileURLToPath(new URL('../../bin/mx-iav.js', import.meta.url));

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  configDir: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

/** The built binary as CI runs it: a child process with no terminal, its own config directory, no colours. */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return spawnCli(args, options).result;
}

/** A stack trace shows as "    at fn (file:line:col)" lines. */
export const hasStackTrace = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text);
