import type { CommandInput } from '../session/command-kit.js';
import { bashCompletion } from '../ui/completion-bash.js';
import { completionModel } from '../ui/completion-model.js';
import { fishCompletion, zshCompletion } from '../ui/completion-zsh-fish.js';

const GENERATORS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion };

// Read from the running command tree, so the script always matches this version's commands and options.
export async function run({ args, root, globals }: CommandInput) {
  const shell = args[0] as keyof typeof GENERATORS;
  globals.io.stdout.write(GENERATORS[shell](completionModel(root)));
}
