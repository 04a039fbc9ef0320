import { Option, type Command } from 'commander';
import { API_VERSIONS, DEFAULT_API_VERSION } from '../domain/api-versions.js';
import { ENVIRONMENTS } from '../store/schema.js';
import { COMMAND_EXAMPLES, ENVIRONMENT_VARIABLES, EXAMPLES, EXIT_CODES } from './help-text.js';
import { COMMANDS } from './commands.js';
import { registerCommands } from './register.js';
import { IoCommand } from './io-command.js';

import { colorWanted, type ProgramContext } from '../session/command-kit.js';
import { VERSION } from '../session/version.js';

/**
 * The command tree; each action loads its command module only when it runs, so `--help` stays fast. `run`, when
 * given, receives each command's input in place of its module (the options table test).
 */
export function createProgram(context: ProgramContext, overrides: Pick<ProgramContext, 'run'> = {}): Command {
  const { io } = context;
  const program = new IoCommand(io.env, 'mx-iav')
    .description('Instant account verification with the MX Platform API: guided in a terminal, scriptable in CI.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--env <name>', 'MX environment (env MX_ENV)').choices(ENVIRONMENTS))
    .option('--base-url <url>', 'API base URL, replacing the environment\'s (env MX_BASE_URL)')
    .option('--client-id <id>', 'MX client id (env MX_CLIENT_ID)')
    .option('--api-key <key>', 'MX API key; prefer env MX_API_KEY or `config set api-key`')
    .addOption(new Option('--api-version <version>', `MX API version (env MX_API_VERSION; default ${DEFAULT_API_VERSION})`).choices(API_VERSIONS))
    .addOption(new Option('--profile <name>', 'profile to keep guids and settings in').env('MX_IAV_PROFILE').default('default'))
    .option('--json', 'print one JSON document on stdout', false)
    .option('--no-input', 'never prompt; take every answer from flags and environment')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('--debug', 'trace requests (secrets masked) and show stacks', false)
    .showSuggestionAfterError()
    // Set before the subcommands are added, which inherit them: errors are thrown to main.ts, never printed here.
    .exitOverride()
    // Help and version go to the run's streams, at their width, coloured by the one colour rule (command-kit.ts).
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
      getOutHasColors: () => colorWanted(true, io.env, io.stdout),
      getErrHasColors: () => colorWanted(true, io.env, io.stderr),
    })
    // Each command's help lists the global flags it accepts too, as gh does.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', `${EXAMPLES}\n${EXIT_CODES}\n${ENVIRONMENT_VARIABLES}`);
  registerCommands(program, COMMANDS, { ...context, ...overrides });
  for (const command of program.commands) {
    const examples = COMMAND_EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', examples);
  }
  return program;
}

/** Under 80 columns, and narrower in a narrower terminal; a pipe gets 79. */
const helpWidth = (stream: { isTTY?: boolean; columns?: number }) => Math.min(79, (stream.isTTY && stream.columns) || 79);
