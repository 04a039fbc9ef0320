import { spawnCli, type CliOptions, type CliResult } from './spawn-cli.js';

export { BIN, type CliOptions, type CliResult } from './spawn-cli.js';

/** The built binary as CI runs it: a child process with no terminal, its own config directory, no colours. */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return spawnCli(args, options).result;
}

/** A stack trace shows as "    at fn (file:line:col)" lines. */
export const hasStackTrace = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text);
