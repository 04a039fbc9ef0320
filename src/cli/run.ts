import { CommanderError } from 'commander';
import { EXIT, InterruptedError, UsageError } from '../errors.js';
import { colorWanted } from '../session/command-kit.js';
import { invocationOf } from '../session/invocation.js';
import type { Io } from '../session/io.js';
import { hintWriter } from '../session/next-steps.js';
import { hint, step } from '../next-step.js';
import { createProgram } from './program.js';

/**
 * One run of mx-iav: `argv` without node and the script, everything read and written through `io`, `signal` aborting
 * on Ctrl-C. Every command returns or throws; this turns what was thrown into words and the exit code it returns.
 */
export async function runMxIav(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
  const program = createProgram({ signal, io });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (thrown) {
    const error = translate(thrown);
    if (error === null) return EXIT.ok;
    const { renderError } = await import('../ui/render-error.js');
    // After a Ctrl-C the interruption is what is said, whatever it broke; a command that knows a better way back
    // (verify --widget: resume in the widget) throws its own InterruptedError with that hint.
    const said = signal.aborted && !(error instanceof InterruptedError) ? signal.reason : error;
    const rendered = renderError(said, {
      json: argv.includes('--json'),
      debug: argv.includes('--debug'),
      color: colorWanted(!argv.includes('--no-color'), io.env, io.stderr),
      // The options parsed before the error: the hints name the same profile and connection.
      hints: hintWriter(invocationOf(program, io.scriptPath, io.env)),
    });
    if (rendered.stdout) io.stdout.write(rendered.stdout);
    if (rendered.stderr) io.stderr.write(rendered.stderr);
    return rendered.exitCode;
  }
}

/** Commander's own exits (help, version, usage mistakes) become ours; null means it already printed what was asked. */
function translate(thrown: unknown): unknown {
  if (!(thrown instanceof CommanderError)) return thrown;
  if (thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version' || thrown.exitCode === 0) {
    return null;
  }
  if (thrown.code === 'commander.help') return null;
  // Commander quotes an unknown `--flag=value` whole; the value may be a password typed after a misspelt flag.
  const sentence = thrown.message.replace(/^error:\s*/i, '').replace(/\n[\s\S]*$/, '').replace(/'(-[^'=\s]*)=[^']*'/g, "'$1=…'");
  const text = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return new UsageError(text.endsWith('.') ? text : `${text}.`, hint`See: ${step('--help')}`);
}
