// What src/session/runtime.ts loads lazily: the Progress and Prompter that match the global flags and the terminal.
import type { Progress, Prompter } from '../flow/ports.js';
import { writeChallengeImage } from './image-file.js';
import { createInquirerPrompter } from './inquirer-prompter.js';
import { terminalInlineImage } from './inline-image.js';
import { createNoInputPrompter } from './no-input-prompter.js';
import { openExternal } from './open-external.js';
import type { PresetAnswers } from './preset-answers.js';
import { createSilentProgress, createTerminalProgress } from './progress.js';

export function createProgress(globals: { json: boolean; color: boolean }): Progress {
  return globals.json ? createSilentProgress(process.stderr) : createTerminalProgress({ color: globals.color });
}

/**
 * Where prompts go: stderr, the terminal they share with stdout, unless stderr is redirected (`verify 2>log`); then
 * stdout, which is a terminal whenever prompts are shown (session.ts), so no question and no typed answer ever lands
 * in the file. Results still go to stdout, after the prompts are done.
 */
export function promptStream(stderr: NodeJS.WriteStream = process.stderr, stdout: NodeJS.WriteStream = process.stdout): NodeJS.WriteStream {
  return stderr.isTTY ? stderr : stdout;
}

export function createPrompter(options: {
  /** Why no prompt can be shown (src/session/runtime.ts), or undefined in a terminal. */
  noPrompts: string | undefined;
  presets: PresetAnswers;
  signal?: AbortSignal;
  /** Show the sandbox's test answers at its challenges (InquirerPrompterOptions.sandboxAnswers). */
  sandboxAnswers?: { listedBy: string };
}): Prompter {
  if (options.noPrompts !== undefined) return createNoInputPrompter(options.presets, process.stderr, options.noPrompts);
  const output = promptStream();
  return createInquirerPrompter({
    presets: options.presets,
    output,
    ...(options.sandboxAnswers && { sandboxAnswers: options.sandboxAnswers }),
    writeImage: (image) => writeChallengeImage(image),
    inlineImage: terminalInlineImage(output, process.env),
    ...(options.presets.open && { open: (target: string) => openExternal(target) }),
    ...(options.signal && { signal: options.signal }),
  });
}
