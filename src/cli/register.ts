// Turns the command specs (src/commands/specs) into commander commands: the one place options meet commander.
import { Argument, Option, type Command } from 'commander';
import { lazyAction, type ProgramContext } from '../session/command-kit.js';
import { isGroup, type ArgumentSpec, type CommandTree, type OptionSpec } from '../session/command-spec.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerCommands(parent: Command, tree: readonly CommandTree[], context: ProgramContext) {
  for (const spec of tree) {
    const command = parent.command(spec.name).description(spec.description);
    if (!isGroup(spec)) {
      for (const argument of spec.arguments ?? []) command.addArgument(argumentOf(argument));
      for (const [name, option] of Object.entries(spec.options)) command.addOption(optionOf(spec.name, name, option));
      command.action(lazyAction(context, spec));
    }
    registerCommands(command, spec.commands ?? [], context);
  }
}

function optionOf(command: string, name: string, spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  // The spec's types are keyed by the property; commander files the value under the flag's name: they must agree.
  if (option.attributeName() !== name) throw new Error(`${command}: option "${name}" is spelt ${spec.flags}`);
  if (spec.choices) option.choices(spec.choices);
  if (spec.parse) option.argParser(spec.parse);
  if (spec.repeatable) option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.env) option.env(spec.env);
  return option;
}

function argumentOf(spec: ArgumentSpec): Argument {
  const argument = new Argument(spec.name, spec.description);
  if (spec.choices) argument.choices(spec.choices);
  if (spec.parse) argument.argParser(spec.parse);
  return argument;
}
