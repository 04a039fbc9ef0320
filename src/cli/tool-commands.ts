import { Argument, type Command } from 'commander';
import { collect, lazyAction, type ProgramContext } from '../session/command-kit.js';
import { paymentOptions } from './guide-commands.js';
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

  paymentOptions(
    program
      .command('account-numbers')
      .description('list the verified account and routing numbers of the saved (or --member) member')
      .option('--user <guid>', 'user guid (USR-...) instead of the saved one')
      .option('--member <guid>', 'member guid (MBR-...) instead of the saved one')
      .option('--account <guid>', 'only this account (ACT-...)')
      .option('--reveal', 'show whole account numbers', false),
  )
    .option('--timeout <duration>', 'with --owner or --balance: give up waiting after this long', '5m')
    .option('--poll-interval <duration>', 'with --owner or --balance: time between status reads (MX: 3s at least)')
    .option('--answer <value>', 'with --owner or --balance: answer to a challenge (repeatable, in order)', collect)
    .action(lazyAction(context, () => import('../commands/account-numbers.js')));

  registerSettingsCommands(program, context);

  const sandbox = program
    .command('sandbox')
    .description('serve the MX-compatible sandbox and print the lines to export')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '4010')
    // Filed by commander under the program's options of the same name; listed here for `sandbox --help` (commands/sandbox.ts).
    .option('--client-id <id>', 'client id the sandbox accepts (default mx-iav-sandbox)')
    .option('--api-key <key>', 'API key the sandbox accepts (default sandbox-not-a-secret; visible in the process list)')
    .option('--job-ms <ms>', 'duration of each job step', '1000')
    .option('--micro-deposit-delay-ms <ms>', 'how long a micro-deposit takes to be DEPOSITED (MX: two minutes)', '120000')
    .option('--latency <ms>', 'added response latency (random up to this)', '0')
    .option('--fail-rate <p>', 'share of requests answered 500/503', '0')
    .option('--throttle-rate <p>', 'share of requests answered 429 with Retry-After', '0')
    .option('--reset-rate <p>', 'share of connections reset', '0')
    .option('--seed <n>', 'reproducible guids, numbers and faults')
    .option('--legacy-accept', 'serve requests without Accept-Version as v20111101 (MX before August 12, 2026)')
    .option('--webhook-url <url>', 'POST MX-shaped webhooks here (repeatable; TYPE=URL for one type; user:pass@ is Basic auth)', collect)
    .option('--webhook-bearer-token <token>', 'send Authorization: Bearer TOKEN to webhook URLs without user info (visible in the process list)')
    .option('--webhook-timeout <ms>', 'a webhook attempt with no answer in this long is retried', '10000')
    .option('--webhook-queue-limit <n>', 'most webhooks waiting for delivery; past it the oldest waiting one is dropped', '10000')
    .option('--widget-url-ttl-ms <ms>', 'how long a widget URL lives unused', '600000')
    .action(lazyAction(context, () => import('../commands/sandbox.js')));

  registerSupportCommands(program, context);
  registerWebhookCommands(program, context);
  registerSandboxAdminCommands(sandbox, context);
}

/** The profile's own settings and the profiles themselves: nothing here talks to MX. */
function registerSettingsCommands(program: Command, context: ProgramContext) {
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
}

/** Subcommands of `sandbox` that drive a running one through its admin routes (src/commands/sandbox-target.ts). */
function registerSandboxAdminCommands(sandbox: Command, context: ProgramContext) {
  sandbox
    .command('advance')
    .description("move the running sandbox's clock on (challenge expiry, job steps, webhook retries) and print its time")
    .argument('<duration>', 'how far: 10m, 90s, 2h')
    .action(lazyAction(context, () => import('../commands/sandbox-advance.js')));
  const events = sandbox
    .command('events')
    .description("list the running sandbox's webhook deliveries: event, type, action, member, state, attempts")
    .action(lazyAction(context, () => import('../commands/sandbox-events.js')));
  events
    .command('resend')
    .description('queue a logged webhook event for delivery again')
    .argument('<id>', 'the event id (WHK-...)')
    .action(lazyAction(context, async () => ({ run: (await import('../commands/sandbox-events.js')).resend })));
  sandbox
    .command('force-status')
    .description("put the saved (or --member) member into a connection status now; the sandbox sends that change's webhooks")
    .argument('<status>', 'DENIED, EXPIRED, DISCONNECTED, CHALLENGED, ...')
    .option('--member <guid>', 'member guid (MBR-...) instead of the saved one')
    .option('--challenge-type <type>', 'with CHALLENGED: TEXT, OPTIONS, IMAGE, IMAGE_OPTIONS or TOKEN')
    .action(lazyAction(context, () => import('../commands/sandbox-force-status.js')));
}

function registerWebhookCommands(program: Command, context: ProgramContext) {
  program
    .command('listen')
    .description('receive MX webhooks on this machine and print each (--json: JSON Lines); forward them on')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '4020')
    .option('--path <path>', 'only this path takes webhooks (default: any)')
    .option('--forward-to <url>', 'send each webhook on, headers and body unchanged, and show the answer')
    .option('--basic-auth <user:password>', 'refuse webhooks without this Basic auth (env MX_IAV_LISTEN_BASIC_AUTH)')
    .option('--sandbox', "register with the profile's sandbox (or start one) while listening", false)
    .action(lazyAction(context, () => import('../commands/listen.js')));
  program
    .command('trigger')
    .description('have the running sandbox send a webhook for the saved (or --member) member now')
    .argument('<event>', 'MEMBER, CONNECTION_STATUS, VERIFICATION, AGGREGATION, BALANCE or INITIAL_DATA_READY')
    .option('--member <guid>', 'member guid (MBR-...) instead of the saved one')
    .option('--action <action>', "the payload's action (e.g. created, deleted for MEMBER)")
    .action(lazyAction(context, () => import('../commands/trigger.js')));
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
