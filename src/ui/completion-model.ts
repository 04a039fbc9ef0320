import type { Command, Option } from 'commander';

// What completion scripts need from the commander tree. Reading it from the tree itself means a new command or
// option is completed as soon as it is registered.

export interface CompletionOption {
  /** "--env", "-h": every spelling. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** Fixed values (e.g. --env sandbox|development|production). */
  choices: string[];
  /** The value is a path, so the shell should complete file names. */
  isPath: boolean;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  /** Fixed values of each positional argument in turn (empty where any value goes): config's actions, then keys. */
  argumentChoices: string[][];
}

export interface CompletionModel {
  program: string;
  globalOptions: CompletionOption[];
  commands: CompletionCommand[];
}

const PATH_VALUE = /<(?:file|path)>/;

function toOption(option: Option): CompletionOption {
  return {
    names: [option.long, option.short].filter((name): name is string => Boolean(name)),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? [],
    isPath: PATH_VALUE.test(option.flags),
  };
}

export function completionModel(program: Command): CompletionModel {
  const help = program.createHelp();
  return {
    program: program.name(),
    globalOptions: help.visibleOptions(program).map(toOption),
    commands: help.visibleCommands(program)
      .filter((command) => command.name() !== 'help')
      .map((command) => ({
        name: command.name(),
        description: command.description(),
        options: help.visibleOptions(command).filter((option) => option.long !== '--help').map(toOption),
        argumentChoices: command.registeredArguments.map((argument) => argument.argChoices ?? []),
      })),
  };
}
