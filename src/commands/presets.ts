import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Io } from '../session/io.js';
import type { PresetAnswers } from '../ui/preset-answers.js';
import { readStdin } from './read-stdin.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { answerOptions, credentialOptions } from './specs/shared.js';

/** Whichever of the answer and credential flags the command has (create-member: only the credentials). */
export type AnswerFlags = Partial<OptionsOf<typeof credentialOptions> & OptionsOf<typeof answerOptions>>;

const ENV_PREFIX = 'MX_IAV_CREDENTIAL_';
// A credentials file is a few fields; anything longer is a wrong path (/dev/zero, a log), not worth reading whole.
const MAX_FILE_BYTES = 64 * 1024;
// Field names whose values are not secret: the login is shown in the sandbox's own help.
const NOT_SECRET = /^(LOGIN|USERNAME|USER_?ID|USER)$/i;

export interface PresetSources {
  /** The run's: its env (unless `env` replaces it), its stdin for `--credentials-file -`, its stderr for warnings. */
  io: Io;
  env?: Io['env'];
  signal?: AbortSignal;
  /** Receives the warning about secrets on the command line (default: stderr). */
  warn?: (line: string) => void;
}

/**
 * Answers given ahead of time, strongest last: environment, then the credentials file, then flags. --answer flags
 * replace MX_IAV_ANSWERS as a whole, and --select-account replaces MX_IAV_SELECT_ACCOUNT.
 */
export async function readPresets(flags: AnswerFlags, sources: PresetSources): Promise<PresetAnswers> {
  const env = sources.env ?? sources.io.env;
  const credentials: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(ENV_PREFIX) && value !== undefined && value !== '') {
      credentials[name.slice(ENV_PREFIX.length).toUpperCase()] = value;
    }
  }
  if (flags.credentialsFile !== undefined) {
    Object.assign(credentials, await readCredentialsFile(flags.credentialsFile, sources.io, sources.signal ?? new AbortController().signal));
  }
  for (const pair of flags.credential ?? []) {
    const separator = pair.indexOf('=');
    const field = pair.slice(0, separator).trim();
    if (separator <= 0 || field === '' || separator === pair.length - 1) throw malformedCredential(pair, separator);
    credentials[field.toUpperCase()] = pair.slice(separator + 1);
  }
  warnAboutExposedSecrets(flags, sources.warn ?? ((line) => sources.io.stderr.write(`${line}\n`)));
  const answers = flags.answer && flags.answer.length > 0 ? flags.answer : envAnswers(env.MX_IAV_ANSWERS);
  const selectAccount = flags.selectAccount ?? (env.MX_IAV_SELECT_ACCOUNT || undefined);
  return { credentials, answers, selectAccount, ...(flags.open && { open: true }) };
}

/** MX_IAV_ANSWERS: one answer, or a JSON array of answers in challenge order (an answer may hold commas). */
function envAnswers(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  if (!value.trimStart().startsWith('[')) return [value];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new UsageError('MX_IAV_ANSWERS starts with "[" but is not a JSON array of strings; its text is not shown.', 'For example: MX_IAV_ANSWERS=\'["first answer", "second"]\', or one answer as is.');
  }
  return parsed;
}

/** Anyone on the machine can read a process's arguments (ps), so a secret there is worth one line, as --api-key gets. */
function warnAboutExposedSecrets(flags: AnswerFlags, warn: (line: string) => void) {
  const fields = new Set<string>();
  for (const pair of flags.credential ?? []) {
    const field = pair.slice(0, pair.indexOf('=')).trim().toUpperCase();
    if (!NOT_SECRET.test(field)) fields.add(field);
  }
  for (const field of fields) {
    warn(`Warning: --credential ${field} is visible to other users in the process list; prefer ${ENV_PREFIX}${field} or --credentials-file.`);
  }
  if ((flags.answer ?? []).length > 0) {
    warn('Warning: --answer is visible to other users in the process list; prefer MX_IAV_ANSWERS.');
  }
}

/**
 * Nothing of what was typed is echoed unless it is surely a field name: without "=" the whole text may be the
 * password itself, and a field name is shown only when it looks like one (letters, digits, _).
 */
function malformedCredential(pair: string, separator: number): UsageError {
  const field = separator > 0 ? pair.slice(0, separator).trim() : '';
  const named = /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(field) ? ` (the value for ${field} is empty)` : '';
  return new UsageError(
    `--credential takes FIELD_NAME=VALUE${named}; what was given is not shown, as it may be a password.`,
    'Keep secrets off the command line: MX_IAV_CREDENTIAL_PASSWORD=... or --credentials-file FILE; for a login: --credential LOGIN=mxuser',
  );
}

async function readCredentialsFile(path: string, io: Io, signal: AbortSignal): Promise<Record<string, string>> {
  const shown = path === '-' ? '(stdin)' : path;
  const text = path === '-' ? await readStdin('a credentials file', io.stdin, signal, { maxBytes: MAX_FILE_BYTES, timeoutMs: 60_000 }) : readRegularFile(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`The credentials file ${shown} is not valid JSON.`, 'Give a JSON object such as {"LOGIN": "mxuser", "PASSWORD": "..."}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('The credentials file must hold a JSON object of field name to value.');
  }
  const result: Record<string, string> = {};
  for (const [field, value] of Object.entries(parsed)) {
    const named = /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(field) ? `the value of ${field}` : 'a value';
    if (typeof value !== 'string') throw new UsageError(`In the credentials file, ${named} is not a string.`);
    result[field.toUpperCase()] = value;
  }
  return result;
}

/**
 * Only a regular file of a sensible size is read: a FIFO would block the process (with Ctrl-C unheard) until a writer
 * came, and /dev/zero would grow without end. stat() looks without opening, so neither is ever opened.
 */
function readRegularFile(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`The credentials file ${path} is not a regular file.`, 'Give a JSON file, or "-" to read it from stdin.');
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`The credentials file ${path} cannot be read.`);
  }
  if (size > MAX_FILE_BYTES) throw new UsageError(`The credentials file ${path} is ${size} bytes, far too long for a few credentials.`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new UsageError(`The credentials file ${path} cannot be read.`);
  }
  try {
    // Read at most the limit even if the file grew since stat().
    const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, MAX_FILE_BYTES));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
