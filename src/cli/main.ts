import { EXIT, InterruptedError } from '../errors.js';
import { processIo } from '../session/io.js';
import { runMxIav } from './run.js';

// The process shell around one run (run.ts): signals, a closed pipe, and the exit code. Nothing else sets it.
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

process.exitCode = await runMxIav(process.argv.slice(2), processIo(), controller.signal);
