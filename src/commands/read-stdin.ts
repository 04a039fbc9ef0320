import { CliError, EXIT, UsageError } from '../errors.js';
import { hint, step } from '../next-step.js';
import type { InStream } from '../session/io.js';

export interface StdinLimits {
  /** More than this many bytes is refused at once, so `< /dev/zero` cannot fill the memory. */
  maxBytes: number;
  /** A pipe or FIFO that stays open without sending anything ends here instead of hanging (CI has no Ctrl-C). */
  timeoutMs: number;
}

/**
 * Reads stdin to its end, within limits, without blocking the event loop (readFileSync(0) did, so Ctrl-C went unheard).
 * `what` names the value in the sentences ("the API key"); the value itself is never quoted.
 */
export function readStdin(what: string, stdin: InStream, signal: AbortSignal, limits: StdinLimits): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise<string>((resolve, reject) => {
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      stdin.removeAllListeners('data').removeAllListeners('end').removeAllListeners('error');
      // Nothing more is wanted from stdin; left open, a pipe would keep the process alive.
      stdin.destroy();
      if (error === undefined) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(error);
    };
    const onAbort = () => finish(signal.reason);
    const timer = setTimeout(
      () => finish(new CliError(`No end of ${what} arrived on stdin within ${limits.timeoutMs / 1000} seconds.`, { exitCode: EXIT.timeout, code: 'timeout', hint: hint`Pipe it in from a file or a command that ends, e.g. ${step('config', 'set', 'api-key')} < key.txt` })),
      limits.timeoutMs,
    );
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return finish(new UsageError(`The input on stdin is longer than ${limits.maxBytes} bytes, far too long for ${what}.`));
      chunks.push(chunk);
    });
    stdin.on('end', () => finish());
    stdin.on('error', (error: NodeJS.ErrnoException) => finish(new UsageError(`stdin cannot be read (${error.code ?? 'an error'}).`)));
  });
}
