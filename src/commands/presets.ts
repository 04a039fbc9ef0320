import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { PresetAnswers } from '../ui/preset-answers.js';

export interface AnswerFlags {
  credential?: string[];
  credentialsFile?: string;
  answer?: string[];
  selectAccount?: string;
  open?: boolean;
}

const ENV_PREFIX = 'MX_IAV_CREDENTIAL_';

/** Answers given ahead of time, strongest last: environment, then the credentials file, then --credential flags. */
export function readPresets(flags: AnswerFlags, env: NodeJS.ProcessEnv = process.env): PresetAnswers {
  const credentials: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(ENV_PREFIX) && value !== undefined && value !== '') {
      credentials[name.slice(ENV_PREFIX.length).toUpperCase()] = value;
    }
  }
  if (flags.credentialsFile !== undefined) Object.assign(credentials, readCredentialsFile(flags.credentialsFile));
  for (const pair of flags.credential ?? []) {
    const separator = pair.indexOf('=');
    const field = pair.slice(0, separator).trim();
    if (separator <= 0 || field === '' || separator === pair.length - 1) {
      // Only the field name is echoed back: the value may be a password.
      throw new UsageError(
        `--credential takes FIELD_NAME=VALUE${field ? `, and the value for ${field.slice(0, 40)} is missing` : ''}.`,
        'For example: --credential LOGIN=mxuser',
      );
    }
    credentials[field.toUpperCase()] = pair.slice(separator + 1);
  }
  return { credentials, answers: flags.answer ?? [], selectAccount: flags.selectAccount, ...(flags.open && { open: true }) };
}

function readCredentialsFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch {
    throw new UsageError(`The credentials file ${path === '-' ? '(stdin)' : path} cannot be read.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`The credentials file ${path === '-' ? '(stdin)' : path} is not valid JSON.`, 'Give a JSON object such as {"LOGIN": "mxuser", "PASSWORD": "..."}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('The credentials file must hold a JSON object of field name to value.');
  }
  const result: Record<string, string> = {};
  for (const [field, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new UsageError(`In the credentials file, the value of ${field.slice(0, 40)} must be a string.`);
    result[field.toUpperCase()] = value;
  }
  return result;
}
