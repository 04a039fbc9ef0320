import { CommanderError } from 'commander';
import { EXIT, InterruptedError, UsageError } from '../errors.js';
import { colorWanted } from '../session/command-kit.js';
import { invocationOf } from '../session/invocation.js';
import { hintWriter } from '../session/next-steps.js';
import { hint, step } from '../next-step.js';
import { createProgram } from './program.js';

// The one place that exits: every command returns or throws, and this turns what was thrown into words and a code.
const controller = new AbortController();
let firstInterruptAt: number | null = null;
const interrupt = (signal: NodeJS.Signals) => {
  // when-exit (conf's atomic writes) and signal-exit (ora's cursor restore) raise the same signal again at once, so
  // only a second Ctrl-C a moment later means "stop now". Nothing is half-written then: each save is one rename.
  if (firstInterruptAt !== null) {
    if (Date.now() - firstInterruptAt > 500) process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
    return;
  }
  firstInterruptAt = Date.now();
  // Tells a watcher (and the interruption tests) that the signal reached mx-iav, before anything in flight ends.
  if (process.argv.includes('--debug')) process.stderr.write(`debug: ${signal} received\n`);
  controller.abort(new InterruptedError('Interrupted.'));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

// A reader that closes early (`mx-iav --help | head -1`, `status --watch --json | head -1`) has taken all it wants:
// the run stops there, quietly and successfully, as `yes | head` does, instead of dying of an unhandled EPIPE.
// Everything saved so far is saved (each save is one write); nothing more could be shown to anyone.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT.ok);
  });
}

const argv = process.argv.slice(2);

const wantsJson = argv.includes('--json');
const wantsDebug = argv.includes('--debug');

const program = createProgram({ signal: controller.signal });
try {
  await program.parseAsync(process.argv);
  process.exitCode = EXIT.ok;
} catch (thrown) {
  const error = translate(thrown);
  if (error === null) {
    process.exitCode = EXIT.ok;
  } else {
    const { renderError } = await import('../ui/render-error.js');
    // After a Ctrl-C the interruption is what is said, whatever it broke; a command that knows a better way back
    // (verify --widget: resume in the widget) throws its own InterruptedError with that hint.
    const said = controller.signal.aborted && !(error instanceof InterruptedError) ? controller.signal.reason : error;
    const rendered = renderError(said, {
      json: wantsJson,
      debug: wantsDebug,
      color: colorWanted(!argv.includes('--no-color')),
      // The options parsed before the error: the hints name the same profile and connection.
      hints: hintWriter(invocationOf(program)),
    });
    if (rendered.stdout) process.stdout.write(rendered.stdout);
    if (rendered.stderr) process.stderr.write(rendered.stderr);
    process.exitCode = rendered.exitCode;
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
