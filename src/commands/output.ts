import type { GlobalOptions } from '../cli/command-kit.js';

/** Results go to stdout: one JSON document under --json, the human rendering otherwise. */
export function emit(globals: GlobalOptions, json: unknown, human: () => string) {
  const text = globals.json ? JSON.stringify(json, null, 2) : human();
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
