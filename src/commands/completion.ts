import type { CommandInput } from '../program-action.js';
import { createProgram } from '../program.js';
import { bashCompletion } from '../ui/completion-bash.js';
import { completionModel } from '../ui/completion-model.js';
import { fishCompletion, zshCompletion } from '../ui/completion-zsh-fish.js';

const GENERATORS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion };

// Built from a fresh copy of the command tree, so the script always matches this version's commands and options.
export async function run({ args, signal }: CommandInput) {
  const shell = args[0] as keyof typeof GENERATORS;
  process.stdout.write(GENERATORS[shell](completionModel(createProgram({ signal }))));
}
