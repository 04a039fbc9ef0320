import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** Where mx-iav keeps its files: MX_IAV_CONFIG_DIR, else the platform's usual config location. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MX_IAV_CONFIG_DIR) return env.MX_IAV_CONFIG_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'mx-iav');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mx-iav');
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
