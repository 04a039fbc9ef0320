import type { CompletionCommand, CompletionModel, CompletionOption } from './completion-model.js';

// Descriptions go inside single-quoted shell words; in an _arguments spec, [ ] : and \ also mean something.
const quoteSingle = (text: string) => text.replace(/'/g, `'\\''`);
const zshDescription = (text: string) => quoteSingle(text.replace(/[\\[\]:]/g, (character) => `\\${character}`));

function zshSpec(option: CompletionOption): string[] {
  const value = option.choices.length > 0 ? `:value:(${option.choices.join(' ')})` : option.isPath ? ':file:_files' : option.takesValue ? ':value: ' : '';
  return option.names.map((name) => `'${name}[${zshDescription(option.description)}]${value}'`);
}

const zshSpecs = (options: CompletionOption[], indent: string) => options.flatMap(zshSpec).map((spec) => `${indent}${spec} \\`).join('\n');

function zshCommandBranch(command: CompletionCommand, global: CompletionOption[]): string {
  const argument = command.argumentChoices
    .map((choices, position) => (choices.length > 0 ? `\n          '${position + 1}:value:(${choices.join(' ')})' \\` : ''))
    .join('');
  return `        ${command.name})
          _arguments \\
${zshSpecs([...command.options, ...global], '          ')}${argument}
            && return 0 ;;`;
}

export function zshCompletion(model: CompletionModel): string {
  const fn = `_${model.program.replace(/[^A-Za-z0-9]/g, '_')}`;
  return `#compdef ${model.program}
# ${model.program} completion for zsh. Load it with:  source <(${model.program} completion zsh)
${fn}() {
  local curcontext="$curcontext" state line
  local -a commands
  commands=(
${model.commands.map((command) => `    '${command.name}:${quoteSingle(command.description)}'`).join('\n')}
  )
  _arguments -C \\
${zshSpecs(model.globalOptions, '    ')}
    '1: :->command' \\
    '*:: :->args' && return 0
  case $state in
    command) _describe -t commands 'command' commands ;;
    args)
      case $words[1] in
${model.commands.map((command) => zshCommandBranch(command, model.globalOptions)).join('\n')}
      esac ;;
  esac
}
if [ "$funcstack[1]" = "${fn}" ]; then ${fn} "$@"; else compdef ${fn} ${model.program}; fi
`;
}

function fishOption(program: string, option: CompletionOption, condition: string): string {
  const parts = [`complete -c ${program}`];
  if (condition) parts.push(`-n '${condition}'`);
  for (const name of option.names) parts.push(name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`);
  if (option.choices.length > 0) parts.push(`-x -a '${option.choices.join(' ')}'`);
  else if (option.isPath) parts.push('-r -F');
  else if (option.takesValue) parts.push('-x');
  parts.push(`-d '${quoteSingle(option.description)}'`);
  return parts.join(' ');
}

/** The first argument's values after the command; each later one's once a value of the one before was given. */
function fishArguments(program: string, command: CompletionCommand, condition: string): string[] {
  const lines: string[] = [];
  let seen = condition;
  command.argumentChoices.forEach((choices, position) => {
    if (choices.length > 0) {
      lines.push(`complete -c ${program} -n '${seen}; and not __fish_seen_subcommand_from ${choices.join(' ')}' -a '${choices.join(' ')}'`);
    }
    const before = command.argumentChoices[position] ?? [];
    seen = before.length > 0 ? `${seen}; and __fish_seen_subcommand_from ${before.join(' ')}` : seen;
  });
  return lines;
}

export function fishCompletion(model: CompletionModel): string {
  const { program } = model;
  const lines = [
    `# ${program} completion for fish. Load it with:  ${program} completion fish | source`,
    `complete -c ${program} -f`,
    ...model.globalOptions.map((option) => fishOption(program, option, '')),
    ...model.commands.map((command) => `complete -c ${program} -n __fish_use_subcommand -a ${command.name} -d '${quoteSingle(command.description)}'`),
  ];
  for (const command of model.commands) {
    const condition = `__fish_seen_subcommand_from ${command.name}`;
    lines.push(...command.options.map((option) => fishOption(program, option, condition)));
    lines.push(...fishArguments(program, command, condition));
  }
  return `${lines.join('\n')}\n`;
}
