import { Argument, type Command } from 'commander';
import { lazyAction, type ProgramContext } from './command-kit.js';
import { CONFIG_ACTIONS, SETTING_KEYS } from '../commands/config-words.js';

const asGiven = (value: string) => value;

export function registerToolCommands(program: Command, context: ProgramContext) {
  program
    .command('status')
    .description('show the connection status of the saved (or --member) member')
    .option('--user <guid>', 'user guid (USR-...) instead of the saved one')
    .option('--member <guid>', 'member guid (MBR-...) instead of the saved one')
    .option('--watch', 'print each change until the member connects or stops (--json: one JSON line per change)', false)
    .option('--poll-interval <duration>', 'time between reads with --watch')
    .option('--timeout <duration>', 'stop watching after this long', '5m')
    .action(lazyAction(context, () => import('../commands/status.js')));

  program
    .command('account-numbers')
    .description('list the verified account and routing numbers of the saved (or --member) member')
    .option('--user <guid>', 'user guid (USR-...) instead of the saved one')
    .option('--member <guid>', 'member guid (MBR-...) instead of the saved one')
    .option('--account <guid>', 'only this account (ACT-...)')
    .option('--reveal', 'show whole account numbers', false)
    .action(lazyAction(context, () => import('../commands/account-numbers.js')));

  program
    .command('config')
    .description('read and change saved settings: get|set|unset KEY [VALUE], list, path')
    // Choices for help and completion; config.ts words the usage errors itself, so the parser takes any word.
    .addArgument(new Argument('<action>', 'what to do').choices(CONFIG_ACTIONS).argParser(asGiven))
    .addArgument(new Argument('[key]', 'the setting').choices(Object.keys(SETTING_KEYS)).argParser(asGiven))
    .argument('[value]', 'the new value (api-key is always asked for, masked)')
    .action(lazyAction(context, () => import('../commands/config.js')));

  program
    .command('profiles')
    .description('list the saved profiles, or remove one: list | remove NAME')
    .argument('<action>', 'list or remove')
    .argument('[name]', 'the profile to remove')
    .action(lazyAction(context, () => import('../commands/profiles.js')));

  program
    .command('sandbox')
    .description('serve the MX-compatible sandbox and print the lines to export')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '4010')
    // Filed by commander under the program's options of the same name; listed here for `sandbox --help` (commands/sandbox.ts).
    .option('--client-id <id>', 'client id the sandbox accepts (default mx-iav-sandbox)')
    .option('--api-key <key>', 'API key the sandbox accepts (default sandbox-not-a-secret; visible in the process list)')
    .option('--job-ms <ms>', 'duration of each job step', '1000')
    .option('--latency <ms>', 'added response latency (random up to this)', '0')
    .option('--fail-rate <p>', 'share of requests answered 500/503', '0')
    .option('--throttle-rate <p>', 'share of requests answered 429 with Retry-After', '0')
    .option('--reset-rate <p>', 'share of connections reset', '0')
    .option('--seed <n>', 'reproducible guids, numbers and faults')
    .option('--legacy-accept', 'serve requests without Accept-Version as v20111101 (MX before August 12, 2026)')
    .action(lazyAction(context, () => import('../commands/sandbox.js')));

  registerSupportCommands(program, context);
}

function registerSupportCommands(program: Command, context: ProgramContext) {
  program
    .command('scenarios')
    .description('list the CI smoke scenarios for `verify --scenario NAME`')
    .action(lazyAction(context, () => import('../commands/scenarios.js')));

  program
    .command('users')
    .description('list the MX users of this client (all pages)')
    .option('--id <id>', 'only the user with this partner id')
    .option('--email <email>', 'only users with this email')
    .action(lazyAction(context, () => import('../commands/users.js')));

  program
    .command('members')
    .description('list the members of the saved (or --user) user with their status')
    .option('--user <guid>', 'user guid (USR-...) instead of the saved one')
    .action(lazyAction(context, () => import('../commands/members.js')));

  program
    .command('report')
    .description('a redacted case summary to paste into a support ticket')
    .option('--user <guid>', 'user guid (USR-...) instead of the saved one')
    .option('--member <guid>', 'member guid (MBR-...) instead of the saved one')
    .action(lazyAction(context, () => import('../commands/report.js')));

  program
    .command('cleanup')
    .description('delete the MX users this profile created, after a confirmation')
    .option('--all', 'every user mx-iav created for this MX client, by any profile or config directory', false)
    .option('--yes', 'delete without asking (required with --no-input)', false)
    .action(lazyAction(context, () => import('../commands/cleanup.js')));

  program
    .command('doctor')
    .description('check the environment, credentials, config directory, API reachability and Node version')
    .action(lazyAction(context, () => import('../commands/doctor.js')));

  program
    .command('completion')
    .description('print a shell completion script: mx-iav completion bash >> ~/.bashrc')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .action(lazyAction(context, () => import('../commands/completion.js')));
}
