import { CommanderError } from 'commander';
import { EXIT, InterruptedError, UsageError } from '../errors.js';
import { colorWanted } from './command-kit.js';
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
  controller.abort(new InterruptedError('Interrupted.', `What was saved is kept. Continue with: ${resumeCommand()}`));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

const argv = process.argv.slice(2);

/** The command that continues, naming the profile when a flag chose it (a variable would still be set). */
function resumeCommand(): string {
  const index = argv.findIndex((arg) => arg === '--profile' || arg.startsWith('--profile='));
  const profile = index < 0 ? undefined : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  return profile && /^[A-Za-z0-9_-]{1,40}$/.test(profile) ? `mx-iav resume --profile ${profile}` : 'mx-iav resume';
}
const wantsJson = argv.includes('--json');
const wantsDebug = argv.includes('--debug');

try {
  const program = createProgram({ signal: controller.signal });
  await program.parseAsync(process.argv);
  process.exitCode = EXIT.ok;
} catch (thrown) {
  const error = translate(thrown);
  if (error === null) {
    process.exitCode = EXIT.ok;
  } else {
    const { renderError } = await import('../ui/render-error.js');
    const rendered = renderError(controller.signal.aborted ? controller.signal.reason : error, {
      json: wantsJson,
      debug: wantsDebug,
      color: colorWanted(!argv.includes('--no-color')),
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
  const sentence = thrown.message.replace(/^error:\s*/i, '').replace(/\n[\s\S]*$/, '');
  const text = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return new UsageError(text.endsWith('.') ? text : `${text}.`, 'See: mx-iav --help');
}
