import { dirname } from 'node:path';
import type Conf from 'conf';
import type { ApiVersion } from '../domain/api-versions.js';
import { ConfigError } from '../errors.js';
import type { FlowState, Store } from '../flow/ports.js';
import { acquireLock, type ProfileLock } from './lock.js';
import { lockPath, profilePath } from './paths.js';
import { checkProfileFile, prepareConfigDir, prepareProfilesDir } from './safe-paths.js';
import { CREATED_USERS_LIMIT, ENVIRONMENTS, profileSchema } from './schema.js';

export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Where a saved API key may be sent: the environment and base URL (null: the environment's own) it was saved for. */
export interface KeyDestination {
  environment: EnvironmentName;
  base_url: string | null;
}

export interface Settings {
  client_id?: string;
  api_key?: string;
  api_key_for?: KeyDestination;
  environment?: EnvironmentName;
  base_url?: string;
  api_version?: ApiVersion;
  production_confirmed?: boolean;
}

interface ProfileFile {
  settings?: Settings;
  environments?: Record<string, FlowState>;
  created_users?: Record<string, string[]>;
}

export interface OpenOptions {
  /** Take the profile's lock now, before the command does anything it could not undo (a command that writes). */
  lock?: boolean;
  /** What this process runs, named to another process refused the lock ("mx-iav verify"). */
  command?: string;
}

export interface ProfileStore {
  readonly path: string;
  settings(): Settings;
  updateSettings(patch: Settings): void;
  unsetSettings(keys: (keyof Settings)[]): void;
  /** The flow's store for one environment (guids from sandbox runs never mix with MX's). */
  flowStore(environmentKey: string): Store;
  /** The users this profile created in one environment, oldest first. */
  createdUsers(environmentKey: string): string[];
  forgetCreatedUsers(environmentKey: string, guids: string[]): void;
  /** Releases the lock, if this process took it; also done when the process exits. */
  close(): void;
}

/**
 * Reading takes no lock, so `status` or `config list` work while a verification runs (each save is an atomic rename,
 * so a reader sees the file before or after it). The first change takes the lock if `lock` did not already.
 */
export async function openProfileStore(dir: string, profile: string, options: OpenOptions = {}): Promise<ProfileStore> {
  const path = profilePath(dir, profile);
  prepareConfigDir(dir);
  prepareProfilesDir(dirname(path));
  checkProfileFile(path);
  let lock: ProfileLock | null = null;
  const takeLock = () => (lock ??= acquireLock(lockPath(dir, profile), profile, options.command ?? 'mx-iav'));
  if (options.lock) takeLock();
  const conf = await openConf(path, profile);
  const read = (): Required<ProfileFile> => {
    const file = conf.store;
    return { settings: { ...file.settings }, environments: { ...file.environments }, created_users: { ...file.created_users } };
  };
  const write = (mutate: (file: Required<ProfileFile>) => void) => {
    takeLock();
    const next = read();
    mutate(next);
    try {
      conf.store = next;
    } catch (error) {
      throw new ConfigError(`mx-iav could not save ${path}: ${describeConfError(error)}.`);
    }
  };

  return {
    path,
    settings: () => read().settings,
    updateSettings: (patch) => write((file) => Object.assign(file.settings, patch)),
    unsetSettings: (keys) => write((file) => keys.forEach((key) => delete file.settings[key])),
    flowStore: (key) => flowStore(key, read, write),
    createdUsers: (key) => [...(read().created_users[key] ?? [])],
    forgetCreatedUsers: (key, guids) =>
      write((file) => (file.created_users[key] = (file.created_users[key] ?? []).filter((guid) => !guids.includes(guid)))),
    close: () => lock?.release(),
  };
}

type Read = () => Required<ProfileFile>;
type Write = (mutate: (file: Required<ProfileFile>) => void) => void;

function flowStore(key: string, read: Read, write: Write): Store {
  return {
    read: () => ({ ...read().environments[key] }),
    update: (patch) =>
      write((file) => {
        const before = file.environments[key]?.user_guid;
        // A key patched to undefined is removed in the same write: a guid saved and its pending partner id
        // forgotten together, so no crash or failed write between two saves can lose both (or keep neither).
        const next: FlowState = { ...file.environments[key], ...patch };
        for (const name of Object.keys(patch) as (keyof FlowState)[]) if (patch[name] === undefined) delete next[name];
        file.environments[key] = next;
        // `cleanup` deletes the users this profile created and no one else's: a guid saved in the write that forgets
        // its partner id (setup.ts ensureUser, an interrupted create adopted). `resume --user` of another's user is not.
        if (patch.user_guid !== undefined && patch.user_guid !== before && 'pending_user_id' in patch) {
          const users = (file.created_users[key] ?? []).filter((guid) => guid !== patch.user_guid);
          file.created_users[key] = [...users, patch.user_guid].slice(-CREATED_USERS_LIMIT);
        }
      }),
    forget: (keys) =>
      write((file) => {
        const state = { ...file.environments[key] };
        for (const name of keys) delete state[name];
        file.environments[key] = state;
      }),
  };
}

async function openConf(path: string, profile: string): Promise<Conf<ProfileFile>> {
  const { default: ConfClass } = await import('conf');
  try {
    const conf = new ConfClass<ProfileFile>({
      projectName: 'mx-iav',
      cwd: dirname(path),
      configName: profile,
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      schema: profileSchema as never,
      // The schema is ours and fixed (test/store checks it once); checking it against JSON Schema's meta-schema
      // on every start compiled that meta-schema each time, tens of milliseconds.
      ajvOptions: { validateSchema: false },
    });
    void conf.store;
    return conf;
  } catch (error) {
    throw new ConfigError(
      `The config file ${path} cannot be read: ${describeConfError(error)}.`,
      `Fix the file by hand, or move it away to start afresh (your MX guids in it would be forgotten).`,
    );
  }
}

/**
 * conf's schema messages name the key at fault ("Config schema violation: `settings/environment` must be ...") and
 * never its value; anything else (JSON.parse quotes the text around a syntax error) is described without the file's
 * contents, which may hold the API key.
 */
function describeConfError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (text.startsWith('Config schema violation: ')) {
    return text.replace(/^Config schema violation: /, 'invalid value, ').replace(/\.$/, '').slice(0, 300);
  }
  if (error instanceof SyntaxError) return 'it is not valid JSON';
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}` : 'it is not a profile file mx-iav can use';
}
