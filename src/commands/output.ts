import type { GlobalOptions } from '../cli/command-kit.js';
import { asInvoked } from '../cli/invocation.js';

/** Results go to stdout: one JSON document under --json, the human rendering otherwise (its hints as invoked). */
export function emit(globals: GlobalOptions, json: unknown, human: () => string) {
  const text = globals.json ? JSON.stringify(json, null, 2) : asInvoked(human(), globals.invocation);
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
