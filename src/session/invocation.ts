// A next step followed as printed must act on the same profile and connection, and run at all where mx-iav is not
// on PATH. This works out how this run was invoked: `npx mx-iav` under npx, with the flags that chose the profile
// and the connection (never the API key), and which user and member it addressed. src/session/next-steps.ts
// writes every hint's commands from it.
import type { Command } from 'commander';

export interface AddressedTarget {
  user: string;
  member?: string;
}

export interface Invocation {
  /** "mx-iav", or "npx mx-iav --profile jane --env development". */
  prefix: string;
  /**
   * Set once a command knows which user and member it was addressed to (`status --member M`); absent: the
   * profile's saved ones. The same object serves the command's globals and the error printed after it.
   */
  addressed?: AddressedTarget;
}

// One per program: a command's globals and the error boundary read (and address) the same invocation.
const invocations = new WeakMap<Command, Invocation>();

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
export function invocationOf(root: Command, scriptPath: string, env: NodeJS.ProcessEnv): Invocation {
  const known = invocations.get(root);
  if (known) return known;
  const options = root.opts<Record<string, unknown>>();
  const flags: string[] = [];
  if (typeof options.profile === 'string' && options.profile !== 'default') flags.push(`--profile ${shellWord(options.profile)}`);
  for (const [key, flag] of CARRIED) {
    const value = options[key];
    if (typeof value === 'string' && root.getOptionValueSource(key) === 'cli') flags.push(`${flag} ${shellWord(value)}`);
  }
  const invocation: Invocation = { prefix: [programName(scriptPath, env), ...flags].join(' ') };
  invocations.set(root, invocation);
  return invocation;
}

/** A value as one shell word: bare when it is plainly safe, else single-quoted. */
export function shellWord(value: string): string {
  return /^[\w.,:/@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
