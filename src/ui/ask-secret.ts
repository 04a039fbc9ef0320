import { createPrompts } from './inquirer-prompts.js';

/** A masked question on stderr, for secrets that belong to mx-iav itself (the MX API key). */
export function askSecret(message: string, signal?: AbortSignal): Promise<string> {
  return createPrompts({ output: process.stderr, ...(signal && { signal }) }).password(message);
}
