import { PassThrough, Writable } from 'node:stream';
import type { Clock } from '../../src/flow/ports.js';
import type { Io } from '../../src/session/io.js';
import { realClock } from '../../src/session/io.js';

export interface MemoryIoOptions {
  env?: Record<string, string | undefined>;
  /** What stdin holds; it ends after this, as a pipe from a file does. */
  input?: string;
  scriptPath?: string;
  /** The run's clock; the real one unless a test steps time itself (test/helpers/stepping-clock.ts). */
  clock?: Clock;
}

/** An Io whose stdout and stderr are strings to read back (no terminal, as in CI) and whose stdin is a string. */
export interface MemoryIo extends Io {
  stdoutText(): string;
  stderrText(): string;
}

function memoryStream(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const env = Object.fromEntries(Object.entries(options.env ?? {}).filter(([, value]) => value !== undefined));
  return {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env,
    scriptPath: options.scriptPath ?? '/usr/local/bin/mx-iav',
    clock: options.clock ?? realClock,
    stdoutText: stdout.text,
    stderrText: stderr.text,
  };
}
