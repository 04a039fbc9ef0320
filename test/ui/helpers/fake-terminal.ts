import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

/**
 * An in-process terminal for driving inquirer: keys go into `input`, rendering collects from `output`.
 * `answer(prompt, ...keys)` waits until the prompt is on screen (after the previous answer) and then types.
 */
export function createFakeTerminal() {
  const input = new PassThrough();
  let raw = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      done();
    },
  });
  // inquirer pipes each prompt's output into this stream and ends the pipe when the prompt closes; a real
  // stderr ignores end(), so this one must too or the second prompt would write into a closed stream.
  output.end = (() => output) as typeof output.end;
  Object.assign(output, { isTTY: true, columns: 80, rows: 30 });
  let mark = 0;

  const screenSince = (from: number) => stripVTControlCharacters(raw.slice(from));

  async function waitFor(text: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!screenSince(mark).includes(text)) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for "${text}". Screen:\n${screenSince(0)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async function press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      input.write(key);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    input,
    output,
    raw: () => raw,
    screen: () => screenSince(0),
    waitFor,
    press,
    async answer(prompt: string, ...keys: string[]) {
      await waitFor(prompt);
      mark = raw.length;
      await press(...keys);
    },
  };
}

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' } as const;
