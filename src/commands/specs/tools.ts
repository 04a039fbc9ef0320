// The commands around the guide: look-ups, settings, support and webhooks. Help lists them in src/cli/commands.ts.
import { defineCommand, defineOptions } from '../../session/command-spec.js';
import { CONFIG_ACTIONS, SETTING_KEYS } from '../config-words.js';
import { memberOption, paymentOptions, userOption } from './shared.js';

// config.ts words the usage errors itself, so its arguments' parser takes any word; the choices are for help.
const asGiven = (value: string) => value;

export const statusOptions = defineOptions({
  ...userOption,
  ...memberOption,
  watch: { flags: '--watch', description: 'print each change until the member connects or stops (--json: one JSON line per change)', default: false },
  pollInterval: { flags: '--poll-interval <duration>', description: 'time between reads with --watch' },
  timeout: { flags: '--timeout <duration>', description: 'stop watching after this long', default: '5m' },
});

export const statusCommand = defineCommand({
  name: 'status',
  description: 'show the connection status of the saved (or --member) member',
  options: statusOptions,
  lock: false,
  load: () => import('../status.js'),
});

export const accountNumbersOptions = defineOptions({
  ...userOption,
  ...memberOption,
  account: { flags: '--account <guid>', description: 'only this account (ACT-...)' },
  reveal: { flags: '--reveal', description: 'show whole account numbers', default: false },
  ...paymentOptions,
  timeout: { flags: '--timeout <duration>', description: 'with --owner or --balance: give up waiting after this long', default: '5m' },
  pollInterval: { flags: '--poll-interval <duration>', description: 'with --owner or --balance: time between status reads (MX: 3s at least)' },
  answer: { flags: '--answer <value>', description: 'with --owner or --balance: answer to a challenge (repeatable, in order)', repeatable: true },
});

export const accountNumbersCommand = defineCommand({
  name: 'account-numbers',
  description: 'list the verified account and routing numbers of the saved (or --member) member',
  options: accountNumbersOptions,
  lock: false,
  load: () => import('../account-numbers.js'),
});

/** The profile's own settings and the profiles themselves: nothing here talks to MX. */
export const configCommand = defineCommand({
  name: 'config',
  description: 'read and change saved settings: get|set|unset KEY [VALUE], list, path',
  arguments: [
    { name: '<action>', description: 'what to do', choices: CONFIG_ACTIONS, parse: asGiven },
    { name: '[key]', description: 'the setting', choices: Object.keys(SETTING_KEYS), parse: asGiven },
    { name: '[value]', description: 'the new value (api-key is always asked for, masked)' },
  ],
  lock: true,
  load: () => import('../config.js'),
});

export const profilesCommand = defineCommand({
  name: 'profiles',
  description: 'list the saved profiles, or remove one: list | remove NAME',
  arguments: [
    { name: '<action>', description: 'list or remove' },
    { name: '[name]', description: 'the profile to remove' },
  ],
  lock: true,
  load: () => import('../profiles.js'),
});

export const scenariosCommand = defineCommand({
  name: 'scenarios',
  description: 'list the CI smoke scenarios for `verify --scenario NAME`',
  lock: true,
  load: () => import('../scenarios.js'),
});

export const usersOptions = defineOptions({
  id: { flags: '--id <id>', description: 'only the user with this partner id' },
  email: { flags: '--email <email>', description: 'only users with this email' },
});

export const usersCommand = defineCommand({
  name: 'users',
  description: 'list the MX users of this client (all pages)',
  options: usersOptions,
  lock: false,
  load: () => import('../users.js'),
});

export const membersCommand = defineCommand({
  name: 'members',
  description: 'list the members of the saved (or --user) user with their status',
  options: userOption,
  lock: false,
  load: () => import('../members.js'),
});

export const reportOptions = defineOptions({ ...userOption, ...memberOption });

export const reportCommand = defineCommand({
  name: 'report',
  description: 'a redacted case summary to paste into a support ticket',
  options: reportOptions,
  lock: false,
  load: () => import('../report.js'),
});

export const cleanupOptions = defineOptions({
  all: { flags: '--all', description: 'every user mx-iav created for this MX client, by any profile or config directory', default: false },
  yes: { flags: '--yes', description: 'delete without asking (required with --no-input)', default: false },
});

export const cleanupCommand = defineCommand({
  name: 'cleanup',
  description: 'delete the MX users this profile created, after a confirmation',
  options: cleanupOptions,
  lock: true,
  load: () => import('../cleanup.js'),
});

export const doctorCommand = defineCommand({
  name: 'doctor',
  description: 'check the environment, credentials, config directory, API reachability and Node version',
  lock: false,
  load: () => import('../doctor.js'),
});

export const completionCommand = defineCommand({
  name: 'completion',
  description: 'print a shell completion script: mx-iav completion bash >> ~/.bashrc',
  arguments: [{ name: '<shell>', description: 'the shell', choices: ['bash', 'zsh', 'fish'] }],
  lock: true,
  load: () => import('../completion.js'),
});

export const listenOptions = defineOptions({
  port: { flags: '--port <n>', description: 'port on 127.0.0.1 (0 picks a free one)', default: '4020' },
  path: { flags: '--path <path>', description: 'only this path takes webhooks (default: any)' },
  forwardTo: { flags: '--forward-to <url>', description: 'send each webhook on, headers and body unchanged, and show the answer' },
  basicAuth: { flags: '--basic-auth <user:password>', description: 'refuse webhooks without this Basic auth (env MX_IAV_LISTEN_BASIC_AUTH)' },
  sandbox: { flags: '--sandbox', description: 'register with the profile\'s sandbox (or start one) while listening', default: false },
});

export const listenCommand = defineCommand({
  name: 'listen',
  description: 'receive MX webhooks on this machine and print each (--json: JSON Lines); forward them on',
  options: listenOptions,
  lock: true,
  load: () => import('../listen.js'),
});

export const triggerOptions = defineOptions({
  ...memberOption,
  action: { flags: '--action <action>', description: 'the payload\'s action (e.g. created, deleted for MEMBER)' },
});

export const triggerCommand = defineCommand({
  name: 'trigger',
  description: 'have the running sandbox send a webhook for the saved (or --member) member now',
  arguments: [{ name: '<event>', description: 'MEMBER, CONNECTION_STATUS, VERIFICATION, AGGREGATION, BALANCE or INITIAL_DATA_READY' }],
  options: triggerOptions,
  lock: true,
  load: () => import('../trigger.js'),
});
