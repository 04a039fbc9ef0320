import type { Io } from '../session/io.js';
import { createPrompts } from './inquirer-prompts.js';

/** A masked question on stderr, for secrets that belong to mx-iav itself (the MX API key). */
export function askSecret(message: string, io: Pick<Io, 'stdin' | 'stderr'>, signal?: AbortSignal): Promise<string> {
  return createPrompts({ input: io.stdin, output: io.stderr, ...(signal && { signal }) }).password(message);
}
