import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { acquireLock } from './lock.js';
import { lockPath, profilePath, sandboxStatePath } from './paths.js';
import { readRegularFile } from './safe-files.js';
import { checkProfileFile } from './safe-paths.js';
import { hint, step } from '../next-step.js';

// `mx-iav profiles list|remove`: what each profile file holds, told without its secrets, and removing one.

export interface ProfileSummary {
  name: string;
  environment: string | null;
  /** Whether an API key is saved; the key itself is never read out. */
  api_key_saved: boolean;
  /** The user and member saved per environment key ("sandbox", "sandbox http://127.0.0.1:4010", …). */
  saved: { environment: string; user_guid: string | null; member_guid: string | null }[];
}

const NAME = /^([A-Za-z0-9_-]{1,40})\.json$/;

export function listProfiles(dir: string): ProfileSummary[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'profiles'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`mx-iav cannot read its profiles directory ${join(dir, 'profiles')} (${(error as NodeJS.ErrnoException).code ?? 'an error'}).`);
  }
  return names.flatMap((file) => NAME.exec(file)?.[1] ?? []).sort().map((name) => summary(dir, name));
}

function summary(dir: string, name: string): ProfileSummary {
  const path = profilePath(dir, name);
  checkProfileFile(path);
  const file = readProfile(path, name);
  const settings = record(file.settings);
  return {
    name,
    environment: typeof settings.environment === 'string' ? settings.environment : null,
    api_key_saved: typeof settings.api_key === 'string',
    saved: Object.entries(record(file.environments)).map(([environment, state]) => ({
      environment,
      user_guid: text(record(state).user_guid),
      member_guid: text(record(state).member_guid),
    })),
  };
}

const PROFILE_LIMIT = 1024 * 1024;

/** The file's JSON object; anything else is one sentence naming the file, with the remove that gets rid of it. */
function readProfile(path: string, name: string): Record<string, unknown> {
  const fix = hint`Fix the file by hand, or remove it with: ${step('profiles', 'remove', name)}`;
  let value: unknown;
  try {
    value = JSON.parse(readRegularFile(path, PROFILE_LIMIT) ?? '{}');
  } catch (error) {
    if (!(error instanceof SyntaxError)) {
      const code = (error as NodeJS.ErrnoException).code ?? 'an error';
      throw new ConfigError(`The profile file ${path} cannot be read (${code === 'EFBIG' ? 'it is over 1 MiB' : code}).`, fix);
    }
  }
  if (isRecord(value)) return value;
  throw new ConfigError(`The profile file ${path} cannot be read: it is not a profile file (a JSON object).`, fix);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Removes the profile's file and its built-in sandbox state, unless a run holds it; returns what it had saved.
 * `command` is what the lock names to another run refused it ("mx-iav profiles remove").
 */
export function removeProfile(dir: string, name: string, command: string): ProfileSummary {
  const path = profilePath(dir, name);
  checkProfileFile(path);
  if (!existsSync(path)) throw new UsageError(`There is no profile "${name}" in ${join(dir, 'profiles')}.`, hint`See the profiles with: ${step('profiles', 'list')}`);
  // A file that is not a profile's (the list's hint sends here) is removed all the same, with nothing to name.
  let found: ProfileSummary = { name, environment: null, api_key_saved: false, saved: [] };
  try {
    found = summary(dir, name);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  const lock = acquireLock(lockPath(dir, name), name, command);
  try {
    for (const file of [path, sandboxStatePath(dir, name), `${sandboxStatePath(dir, name)}.corrupt`]) {
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new ConfigError(`mx-iav cannot remove ${file} (${(error as NodeJS.ErrnoException).code ?? 'an error'}).`);
        }
      }
    }
  } finally {
    lock.release();
  }
  return found;
}
