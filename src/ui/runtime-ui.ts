// What src/session/runtime.ts loads lazily: the Progress and Prompter that match the global flags and the terminal.
import type { Progress, Prompter } from '../flow/ports.js';
import type { Io, OutStream } from '../session/io.js';
import { writeChallengeImage } from './image-file.js';
import { createInquirerPrompter } from './inquirer-prompter.js';
import { terminalInlineImage } from './inline-image.js';
import { createNoInputPrompter } from './no-input-prompter.js';
import { openExternal } from './open-external.js';
import type { PresetAnswers } from './preset-answers.js';
import { createSilentProgress, createTerminalProgress } from './progress.js';

export function createProgress(globals: { json: boolean; color: boolean; io: Io }): Progress {
  const { stderr, env } = globals.io;
  return globals.json ? createSilentProgress(stderr) : createTerminalProgress({ stream: stderr, env, color: globals.color });
}

/**
 * Where prompts go: stderr, the terminal they share with stdout, unless stderr is redirected (`verify 2>log`); then
 * stdout, which is a terminal whenever prompts are shown (session.ts), so no question and no typed answer ever lands
 * in the file. Results still go to stdout, after the prompts are done.
 */
export function promptStream(stderr: OutStream, stdout: OutStream): OutStream {
  return stderr.isTTY ? stderr : stdout;
}

export function createPrompter(options: {
  io: Io;
  /** Why no prompt can be shown (src/session/runtime.ts), or undefined in a terminal. */
  noPrompts: string | undefined;
  presets: PresetAnswers;
  signal?: AbortSignal;
  /** Show the sandbox's test answers at its challenges (InquirerPrompterOptions.sandboxAnswers). */
  sandboxAnswers?: { listedBy: string };
}): Prompter {
  const { io } = options;
  if (options.noPrompts !== undefined) return createNoInputPrompter(options.presets, io.stderr, options.noPrompts);
  const output = promptStream(io.stderr, io.stdout);
  return createInquirerPrompter({
    presets: options.presets,
    output,
    input: io.stdin,
    ...(options.sandboxAnswers && { sandboxAnswers: options.sandboxAnswers }),
    writeImage: (image) => writeChallengeImage(image),
    inlineImage: terminalInlineImage(output, io.env),
    ...(options.presets.open && { open: (target: string) => openExternal(target, io.env) }),
    ...(options.signal && { signal: options.signal }),
  });
}
