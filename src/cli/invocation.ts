// Hints name the next command as "mx-iav resume". Followed as written, that would act on the default profile and
// connection, and would not run at all where mx-iav is not on PATH. This rewrites each such command the way this
// run was invoked: `npx mx-iav` under npx, with the flags that chose the profile and the connection (never the
// API key). It is applied where text is printed (errors, results, status lines), so hints stay plain everywhere else.
import type { Command } from 'commander';

export interface Invocation {
  /** "mx-iav", or "npx mx-iav --profile jane --env development". */
  prefix: string;
  /** The command names a hint may start with ("verify", "resume", …). */
  commands: readonly string[];
}

// The global flags that say where a command acts. --api-key is left out: a hint must never carry a secret.
const CARRIED = [
  ['env', '--env'],
  ['baseUrl', '--base-url'],
  ['clientId', '--client-id'],
  ['apiVersion', '--api-version'],
] as const;

/**
 * `npx mx-iav` when npx (or `npm exec`) ran the package's bin link, else `mx-iav`: installed globally or with
 * `npm link`, that is the name on PATH (the README's setup says so).
 */
export function programName(scriptPath: string, env: NodeJS.ProcessEnv): string {
  const viaBinLink = /[\\/]node_modules[\\/]\.bin[\\/]mx-iav$/.test(scriptPath);
  return env.npm_command === 'exec' && viaBinLink ? 'npx mx-iav' : 'mx-iav';
}

/** Reads the root command's parsed global options; a profile from MX_IAV_PROFILE is named too (it may be one-shot). */
export function invocationOf(root: Command, scriptPath = process.argv[1] ?? '', env = process.env): Invocation {
  const options = root.opts<Record<string, unknown>>();
  const flags: string[] = [];
  if (typeof options.profile === 'string' && options.profile !== 'default') flags.push(`--profile ${shellWord(options.profile)}`);
  for (const [key, flag] of CARRIED) {
    const value = options[key];
    if (typeof value === 'string' && root.getOptionValueSource(key) === 'cli') flags.push(`${flag} ${shellWord(value)}`);
  }
  return { prefix: [programName(scriptPath, env), ...flags].join(' '), commands: root.commands.map((command) => command.name()) };
}

/** `text` with every "mx-iav <command>" (and "mx-iav --help") written as this run was invoked. */
export function asInvoked(text: string, invocation: Invocation | undefined): string {
  if (invocation === undefined || invocation.prefix === 'mx-iav') return text;
  const names = [...invocation.commands, '--help'].map((name) => name.replace(/[^\w-]/g, '')).join('|');
  const command = new RegExp(`(^|[^\\w/.-])mx-iav(?= (?:${names})(?![\\w-]))`, 'g');
  return text.replace(command, (_match, before: string) => `${before}${invocation.prefix}`);
}

/** A value as one shell word: bare when it is plainly safe, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w.,:/@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
