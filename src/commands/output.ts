import type { GlobalOptions } from '../session/command-kit.js';
import type { OutStream } from '../session/io.js';
import { sanitizeOutput } from '../ui/sanitize.js';

/**
 * Results go to stdout: one JSON document under --json, the human rendering otherwise, through
 * the one sanitizing sink, since most of it is MX's strings (ids, guids, messages). JSON escapes control characters.
 */
export function emit(globals: GlobalOptions, json: unknown, human: () => string) {
  const text = globals.json ? JSON.stringify(json, null, 2) : sanitizeOutput(human());
  globals.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The terminal's width for tables and banners, or undefined when the stream is no terminal (lines stay whole). */
export function terminalWidth(stream: OutStream): number | undefined {
  return stream.isTTY && stream.columns !== undefined && stream.columns > 0 ? stream.columns : undefined;
}
