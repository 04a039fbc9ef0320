import type { Ora } from 'ora';
import type { Progress } from '../flow/ports.js';
import type { OutStream } from '../session/io.js';
import { formatStatusLine, painter } from './format.js';
import { sanitize } from './sanitize.js';

export interface TerminalProgressOptions {
  stream: OutStream;
  color: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * ora 9 loops forever (and ignores SIGTERM) when the stream reports 0 columns, which happens under `script`
 * with no terminal behind it, so a spinner needs a real width as well as a TTY. Never drop the columns check.
 */
export function canSpin(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY && (stream.columns ?? 0) > 0 && !('CI' in env) && env.TERM !== 'dumb');
}

interface Wait {
  label: string;
  text: string;
  lastStatus?: string | null;
  spinner?: Ora;
}

/** Lines on stderr, and a spinner for waits when the terminal can show one; one line per status change otherwise. */
export function createTerminalProgress(options: TerminalProgressOptions): Progress {
  const { stream } = options;
  const spin = canSpin(stream, options.env);
  const paint = painter(options.color);
  let wait: Wait | undefined;

  const line = (symbol: string, message: string) => stream.write(`${symbol} ${sanitize(message)}\n`);
  const setText = (text: string) => {
    if (!wait) return;
    wait.text = text;
    if (wait.spinner) wait.spinner.text = text;
  };

  return {
    info: (message) => line(paint.cyan('ℹ'), message),
    success: (message) => line(paint.green('✔'), message),
    warn: (message) => line(paint.yellow('⚠'), message),
    startWaiting(label) {
      wait?.spinner?.stop();
      const current: Wait = { label, text: `${sanitize(label).replace(/(?:…|\.\.\.)$/, '')}…` };
      wait = current;
      if (!spin) return;
      // ora is loaded on first use: most commands never wait, and start-up time matters.
      void import('ora').then(({ default: ora, spinners }) => {
        if (wait !== current) return; // the wait ended before ora finished loading
        // Frames painted here, not by ora's colour option: ora asks its own chalk, which decides from stdout.
        const { interval, frames } = spinners.dots;
        current.spinner = ora({
          text: current.text,
          stream,
          isEnabled: true,
          spinner: { interval, frames: frames.map((frame) => paint.cyan(frame)) },
          color: false,
          // Leave stdin alone so that Ctrl-C stays a real SIGINT and the next inquirer prompt finds it intact.
          discardStdin: false,
        }).start();
      });
    },
    updateWaiting(status, elapsedMs) {
      if (!wait) return;
      const text = formatStatusLine(wait.label, status, elapsedMs);
      const changed = !('lastStatus' in wait) || wait.lastStatus !== status;
      wait.lastStatus = status;
      setText(text);
      // Without a spinner, logs get one line per status change rather than one per poll.
      if (!spin && changed) stream.write(`${paint.dim('·')} ${text}\n`);
    },
    stopWaiting() {
      wait?.spinner?.stop();
      wait = undefined;
    },
  };
}

/**
 * For --json: stdout carries only the JSON document and stderr stays quiet, except for warnings, which a CI log
 * should still show (a saved guid MX no longer knows, say). With no stream, nothing at all (tests).
 */
export function createSilentProgress(warnings?: NodeJS.WritableStream): Progress {
  const ignore = () => undefined;
  return {
    info: ignore,
    success: ignore,
    warn: (message) => void warnings?.write(`Warning: ${sanitize(message)}\n`),
    startWaiting: ignore,
    updateWaiting: ignore,
    stopWaiting: ignore,
  };
}
