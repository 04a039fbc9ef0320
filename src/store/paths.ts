import { homedir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';

/** Where mx-iav keeps its files: MX_IAV_CONFIG_DIR, else the platform's usual config location. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.MX_IAV_CONFIG_DIR) return env.MX_IAV_CONFIG_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'mx-iav');
  // "If an implementation encounters a relative path in any of these variables it should consider the path invalid
  // and ignore it" (XDG Base Directory Specification): a relative one would put the API key in the working directory.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'mx-iav');
  return join(home(env), '.config', 'mx-iav');
}

/** HOME when it is an absolute path, else the account's home from the password database; never the working directory. */
function home(env: NodeJS.ProcessEnv): string {
  const candidates = [env.HOME === undefined ? homedir() : env.HOME, accountHome()];
  const found = candidates.find((dir): dir is string => typeof dir === 'string' && isAbsolute(dir));
  if (found) return found;
  throw new ConfigError(
    `mx-iav cannot tell where to keep its config: HOME is ${env.HOME ? `the relative path "${env.HOME.slice(0, 100)}"` : 'empty'} and this account has no home directory.`,
    'Set MX_IAV_CONFIG_DIR (or HOME) to an absolute path.',
  );
}

function accountHome(): string | undefined {
  try {
    return userInfo().homedir;
  } catch {
    return undefined;
  }
}

const PROFILE_NAME = /^[A-Za-z0-9_-]{1,40}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(
      `The profile name "${name.slice(0, 40)}" is not valid.`,
      'Use 1 to 40 letters, digits, "-" or "_".',
    );
  }
  return name;
}

/** One file per profile, so parallel jobs using different profiles never rewrite each other's file. */
export const profilePath = (dir: string, profile: string) => join(dir, 'profiles', `${profile}.json`);
export const sandboxStatePath = (dir: string, profile: string) => join(dir, 'sandbox', `${profile}.json`);
/** Held by the one process allowed to change the profile (src/store/lock.ts). */
export const lockPath = (dir: string, profile: string) => join(dir, 'profiles', `${profile}.lock`);
