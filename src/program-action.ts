import type { Command } from 'commander';
import type { ProgramContext } from './program.js';
import { globalsOf } from './program.js';
import type { GlobalOptions } from './runtime.js';

export interface CommandInput<Options = Record<string, unknown>> {
  globals: GlobalOptions;
  options: Options;
  args: string[];
  signal: AbortSignal;
}

type CommandModule = { run(input: CommandInput<never>): Promise<void> };

/** Commander action that loads the command's module only when that command runs. */
export function lazyAction(context: ProgramContext, load: () => Promise<CommandModule>) {
  return async (...received: unknown[]) => {
    const command = received.at(-1) as Command;
    const args = received.slice(0, -2).filter((value): value is string => typeof value === 'string');
    const { run } = await load();
    await run({ globals: globalsOf(command), options: command.opts() as never, args, signal: context.signal });
  };
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];
