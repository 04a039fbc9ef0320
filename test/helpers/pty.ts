import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { BIN } from './run-cli.js';
import { onPtyData, waitFor } from './wait-for.js';

export interface PtySession {
  /** Everything shown so far, without terminal control sequences. */
  screen(): string;
  /** Resolves once `text` appears after the given offset; fails the test when it does not come in time. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  exited(): Promise<number>;
  mark(): number;
}

export const KEYS = { enter: '\r', down: '\u001b[B', up: '\u001b[A', ctrlC: '\u0003' };

/** The built binary in a real pseudo-terminal of a fixed size (ora misbehaves with 0 columns). */
export function startPty(args: string[], configDir: string, env: Record<string, string> = {}): PtySession {
  const baseEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') baseEnv[key] = value;
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    env: { ...baseEnv, MX_IAV_CONFIG_DIR: configDir, MX_IAV_SANDBOX_JOB_MS: '0', FORCE_COLOR: '0', ...env },
  });
  let raw = '';
  let offset = 0;
  term.onData((data) => (raw += data));
  const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const screen = () => stripVTControlCharacters(raw);
  return {
    screen,
    mark: () => (offset = screen().length),
    type: (keys) => term.write(keys),
    exited: () => exit,
    waitFor: async (text, timeoutMs = 15_000) => {
      const shown = () => {
        const visible = screen().slice(offset);
        return typeof text === 'string' ? visible.includes(text) : text.test(visible);
      };
      try {
        await waitFor(shown, onPtyData(term), { what: String(text), signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new Error(`Timed out waiting for ${String(text)}. Screen:\n${screen().slice(-2000)}`, { cause: error });
      }
    },
  };
}
