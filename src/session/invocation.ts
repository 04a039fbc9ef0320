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

export interface AddressedTarget {
  user: string;
  member?: string;
}

// Set once a command knows which user and member it was addressed to (`status --member M`); absent: the profile's
// saved ones. Read by asInvoked whenever text is printed, so an Invocation made before (a command's globals) or
// after (main.ts renders errors from a fresh one) addresses its hints all the same.
let addressed: AddressedTarget | undefined;

/**
 * From now on every hint that would act on the profile's saved member (resume, status, verify …) names this one
 * instead: followed as printed, it must never switch to another customer.
 */
export function addressHintsTo(target: AddressedTarget | undefined) {
  addressed = target;
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
export function invocationOf(root: Command, scriptPath: string, env: NodeJS.ProcessEnv): Invocation {
  const options = root.opts<Record<string, unknown>>();
  const flags: string[] = [];
  if (typeof options.profile === 'string' && options.profile !== 'default') flags.push(`--profile ${shellWord(options.profile)}`);
  for (const [key, flag] of CARRIED) {
    const value = options[key];
    if (typeof value === 'string' && root.getOptionValueSource(key) === 'cli') flags.push(`${flag} ${shellWord(value)}`);
  }
  return {
    prefix: [programName(scriptPath, env), ...flags].join(' '),
    commands: root.commands.map((command) => command.name()),
  };
}

/** `text` with every "mx-iav <command>" (and "mx-iav --help") written as this run was invoked. */
export function asInvoked(text: string, invocation: Invocation | undefined): string {
  if (invocation === undefined) return text;
  const addressedText = addressed ? addressTo(text, addressed) : text;
  if (invocation.prefix === 'mx-iav') return addressedText;
  const names = [...invocation.commands, '--help'].map((name) => name.replace(/[^\w-]/g, '')).join('|');
  // Not after "npx ": text already written as invoked (a status hint inside a result) is left as it is.
  const command = new RegExp(`(^|[^\\w/.-])(?<!npx )mx-iav(?= (?:${names})(?![\\w-]))`, 'g');
  return addressedText.replace(command, (_match, before: string) => `${before}${invocation.prefix}`);
}

// A hint's command and its flags ("mx-iav verify --institution CODE"), up to the first word that is not a flag.
const MEMBER_HINT = /(^|[^\w/.-])mx-iav (verify|resume|status|account-numbers|report)((?: --[a-z-]+(?: [A-Z]+(?![\w-]))?)*)(?![\w-])/g;

/**
 * Rewrites the hints that act on the profile's saved user or member to name `target`. `verify` takes no guids,
 * so its hints become the `resume` that does the same for the addressed member: a new verification, new
 * credentials, or a new member at another institution for the addressed user.
 */
function addressTo(text: string, target: AddressedTarget): string {
  const user = `--user ${target.user}`;
  const both = target.member ? `${user} --member ${target.member}` : user;
  return text.replace(MEMBER_HINT, (match, before: string, command: string, flags: string) => {
    if (/ --(user|member)\b/.test(flags)) return match;
    if (command !== 'verify') return `${before}mx-iav ${command} ${both}${flags}`;
    if (/ --(new|institution)\b/.test(flags)) return `${before}mx-iav resume ${user}${flags.replace(' --new', '')}`;
    return `${before}mx-iav resume ${both}${flags}`;
  });
}

/** A value as one shell word: bare when it is plainly safe, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w.,:/@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
