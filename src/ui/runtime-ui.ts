// What src/cli/session.ts loads lazily: the Progress and Prompter that match the global flags and the terminal.
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

export function createPrompter(options: {
  /** Why no prompt can be shown (src/cli/session.ts), or undefined in a terminal. */
  noPrompts: string | undefined;
  presets: PresetAnswers;
  signal?: AbortSignal;
}): Prompter {
  if (options.noPrompts !== undefined) return createNoInputPrompter(options.presets, process.stderr, options.noPrompts);
  return createInquirerPrompter({
    presets: options.presets,
    writeImage: (image) => writeChallengeImage(image),
    inlineImage: terminalInlineImage(process.stderr, process.env),
    ...(options.presets.open && { open: (target: string) => openExternal(target) }),
    ...(options.signal && { signal: options.signal }),
  });
}
