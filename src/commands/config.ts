import { API_VERSIONS, isApiVersion } from '../domain/api-versions.js';
import { checkBaseUrl } from '../cli/connection.js';
import { UsageError } from '../errors.js';
import type { CommandInput } from '../cli/command-kit.js';
import { isInteractive } from '../cli/session.js';
import { checkProfileName, configDir } from '../store/paths.js';
import { openProfileStore, type Settings } from '../store/profile-store.js';
import { ENVIRONMENTS } from '../store/schema.js';
import { askSecret } from '../ui/ask-secret.js';
import { emit } from './output.js';
import { readStdin } from './read-stdin.js';

const KEYS = {
  'api-key': 'api_key',
  'client-id': 'client_id',
  environment: 'environment',
  'base-url': 'base_url',
  'api-version': 'api_version',
} as const;
type Key = keyof typeof KEYS;
const HIDDEN = '******** (set; never shown)';

export async function run({ globals, args, signal }: CommandInput) {
  const [action, keyName, value] = args;
  // Reading takes no lock; set and unset take it when they write (after the key is read, never while waiting for it).
  const profile = await openProfileStore(configDir(), checkProfileName(globals.profile), { command: `mx-iav config ${String(action).slice(0, 20)}` });
  const key = keyName === undefined ? undefined : settingKey(keyName);
  const shown = (name: keyof Settings, settings: Settings) =>
    name === 'api_key' && settings.api_key !== undefined ? HIDDEN : (settings[name] ?? null);

  switch (action) {
    case 'path':
      return emit(globals, { path: profile.path }, () => profile.path);
    case 'list': {
      const settings = profile.settings();
      const listed = Object.fromEntries(Object.values(KEYS).map((name) => [name, shown(name, settings)]));
      return emit(globals, { profile: globals.profile, path: profile.path, settings: listed }, () =>
        Object.entries(KEYS).map(([flag, name]) => `${flag.padEnd(12)} ${listed[name] ?? '(not set)'}`).join('\n'),
      );
    }
    case 'get': {
      const name = KEYS[requireKey(key)];
      const current = shown(name, profile.settings());
      return emit(globals, { [name]: current }, () => String(current ?? '(not set)'));
    }
    case 'unset': {
      profile.unsetSetting(KEYS[requireKey(key)]);
      return emit(globals, { unset: requireKey(key) }, () => `Removed ${key}.`);
    }
    case 'set': {
      const chosen = requireKey(key);
      const newValue = chosen === 'api-key' ? await readApiKey(globals, value, signal) : checkValue(chosen, value);
      profile.updateSettings({ [KEYS[chosen]]: newValue });
      return emit(globals, { set: chosen }, () => `Saved ${chosen} in ${profile.path}.`);
    }
    default:
      throw new UsageError(`"${String(action).slice(0, 20)}" is not a config action.`, 'Use get, set, unset, list or path.');
  }
}

function settingKey(name: string): Key {
  if (name in KEYS) return name as Key;
  throw new UsageError(`"${name.slice(0, 40)}" is not a setting.`, `Settings: ${Object.keys(KEYS).join(', ')}.`);
}

function requireKey(key: Key | undefined): Key {
  if (key === undefined) throw new UsageError('Name the setting.', `Settings: ${Object.keys(KEYS).join(', ')}.`);
  return key;
}

function checkValue(key: Exclude<Key, 'api-key'>, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Give a value for ${key}.`);
  if (key === 'environment' && !(ENVIRONMENTS as readonly string[]).includes(value)) {
    throw new UsageError(`"${value.slice(0, 40)}" is not an environment.`, 'Use sandbox, development or production.');
  }
  if (key === 'api-version' && !isApiVersion(value)) {
    throw new UsageError(`"${value.slice(0, 40)}" is not an MX API version mx-iav speaks.`, `Use ${API_VERSIONS.join(' or ')}.`);
  }
  return key === 'base-url' ? checkBaseUrl(value) : value.trim();
}

/** Never from the command line, where it would stay in the shell's history and the process list. */
async function readApiKey(globals: CommandInput['globals'], argument: string | undefined, signal: AbortSignal): Promise<string> {
  if (argument !== undefined) {
    throw new UsageError(
      'The API key is not taken as an argument, where it would stay in your shell history.',
      'Run `mx-iav config set api-key` and type it at the prompt, or pipe it in on stdin.',
    );
  }
  if (isInteractive(globals)) return checkApiKey(await askSecret('MX API key:', signal));
  if (process.stdin.isTTY) {
    throw new UsageError(
      'Without a prompt the API key is read from stdin, and stdin is a terminal here, where the key would show as you type it.',
      'Pipe it in (mx-iav config set api-key < key.txt), or run the command in a terminal without --no-input.',
    );
  }
  return checkApiKey(await readStdin('an MX API key', signal, { maxBytes: 4096, timeoutMs: 60_000 }));
}

function checkApiKey(text: string): string {
  const key = text.trim();
  if (key === '') throw new UsageError('No API key was given.');
  if (key.length > 500 || /\s/.test(key)) throw new UsageError('That is not an MX API key: it is longer than 500 characters or holds spaces or line breaks.');
  return key;
}
