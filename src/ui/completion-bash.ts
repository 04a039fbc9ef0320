import type { CompletionCommand, CompletionModel, CompletionOption } from './completion-model.js';

const words = (list: string[]) => list.join(' ');
const names = (options: CompletionOption[]) => options.flatMap((option) => option.names);
const identifier = (name: string) => `_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

/** Options that take a value, grouped into `case` branches: fixed choices, file names, or free text. */
function valueCases(options: CompletionOption[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const option of options.filter((candidate) => candidate.takesValue)) {
    const fresh = option.names.filter((name) => !seen.has(name));
    if (fresh.length === 0) continue;
    fresh.forEach((name) => seen.add(name));
    const reply = option.choices.length > 0
      ? `COMPREPLY=( $(compgen -W "${words(option.choices)}" -- "$cur") )`
      : option.isPath ? 'COMPREPLY=( $(compgen -f -- "$cur") )' : 'COMPREPLY=()';
    lines.push(`    ${fresh.join('|')}) ${reply}; return ;;`);
  }
  return lines;
}

/**
 * One command's branch. A word not starting with "-" completes the positional argument's fixed values where it has
 * them (config: its action, then the setting), else the options, as do words that start with "-".
 */
function commandBranch(command: CompletionCommand): string {
  const options = `${words(names(command.options))} $global`;
  if (!command.argumentChoices.some((choices) => choices.length > 0)) {
    return `    ${command.name}) COMPREPLY=( $(compgen -W "${options}" -- "$cur") ) ;;`;
  }
  const positions = command.argumentChoices
    .map((choices, position) => (choices.length > 0 ? `${position}) values="${words(choices)}" ;; ` : ''))
    .join('');
  return `    ${command.name})
      local values=""
      [[ "$cur" != -* ]] && case $position in ${positions}esac
      COMPREPLY=( $(compgen -W "\${values:-${options}}" -- "$cur") ) ;;`;
}

export function bashCompletion(model: CompletionModel): string {
  const fn = identifier(model.program);
  const allOptions = [...model.globalOptions, ...model.commands.flatMap((command) => command.options)];
  const valueOptions = [...new Set(names(allOptions.filter((option) => option.takesValue)))];
  return `# ${model.program} completion for bash. Load it with:  source <(${model.program} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local command="" skip="" position=0 i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -n "$skip" ]]; then skip=""; continue; fi
    case "$word" in
      ${valueOptions.join('|')}) skip=1 ;;
      -*) ;;
      *) if [[ -z "$command" ]]; then command="$word"; else position=$((position + 1)); fi ;;
    esac
  done
  case "$prev" in
${valueCases(allOptions).join('\n')}
  esac
  local global="${words(names(model.globalOptions))}"
  case "$command" in
    "") COMPREPLY=( $(compgen -W "${words(model.commands.map((command) => command.name))} $global" -- "$cur") ) ;;
${model.commands.map(commandBranch).join('\n')}
  esac
}
complete -F ${fn} ${model.program}
`;
}
