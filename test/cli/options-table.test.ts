// The wiring on its own (changesets' cli.test.ts): argv and environment in, the options object each command would
// receive out, with whether it takes the profile's lock. In-process: createProgram's `run` stands in for the module.
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { createProgram } from '../../src/cli/program.js';
import { UsageError } from '../../src/errors.js';
import type { CommandInput, GlobalOptions } from '../../src/session/command-kit.js';
import { isGroup, type CommandTree } from '../../src/session/command-spec.js';
import { memoryIo } from '../helpers/memory-io.js';
import { tempDir } from '../helpers/temp-dir.js';

const configDir = tempDir();

interface Row {
  /** The command as typed, e.g. "micro-deposits create". */
  command: string;
  argv: string[];
  env?: Record<string, string>;
  options: Record<string, unknown>;
  args?: string[];
  lock: boolean;
  globals?: Partial<GlobalOptions>;
}

const VERIFY = { new: false, updateCredentials: false, reverify: false, microDeposits: false, timeout: '5m', reveal: false, open: false, owner: false, balance: false, widget: false };
const RESUME = { updateCredentials: false, reverify: false, timeout: '5m', reveal: false, open: false, owner: false, balance: false, widget: false };
const STATUS = { watch: false, timeout: '5m' };
const ACCOUNT_NUMBERS = { reveal: false, owner: false, balance: false, timeout: '5m' };
const SANDBOX = {
  host: '127.0.0.1',
  port: '4010',
  jobMs: '1000',
  microDepositDelayMs: '120000',
  latency: '0',
  failRate: '0',
  throttleRate: '0',
  resetRate: '0',
  webhookTimeout: '10000',
  webhookQueueLimit: '10000',
  widgetUrlTtlMs: '600000',
};

const ROWS: Row[] = [
  { command: 'verify', argv: ['verify'], options: VERIFY, lock: true, globals: { profile: 'default', json: false, input: true } },
  { command: 'verify', argv: ['verify', '--no-input', '--json'], options: VERIFY, lock: true, globals: { input: false, json: true } },
  { command: 'verify', argv: ['verify'], env: { MX_IAV_INSTITUTION: 'mxbank' }, options: { ...VERIFY, institution: 'mxbank' }, lock: true },
  { command: 'verify', argv: ['verify', '--institution', 'chase'], env: { MX_IAV_INSTITUTION: 'mxbank' }, options: { ...VERIFY, institution: 'chase' }, lock: true },
  { command: 'verify', argv: ['verify'], env: { MX_IAV_PROFILE: 'jane' }, options: VERIFY, lock: true, globals: { profile: 'jane' } },
  { command: 'verify', argv: ['--profile', 'joe', 'verify'], env: { MX_IAV_PROFILE: 'jane' }, options: VERIFY, lock: true, globals: { profile: 'joe' } },
  {
    command: 'verify',
    argv: ['verify', '--new', '--answer', 'one', '--answer', 'two', '--select-account', 'Savings', '--timeout', '90s', '--poll-interval', '3s', '--reveal', '--open'],
    options: { ...VERIFY, new: true, answer: ['one', 'two'], selectAccount: 'Savings', timeout: '90s', pollInterval: '3s', reveal: true, open: true },
    lock: true,
  },
  {
    command: 'verify',
    argv: ['verify', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=x', '--credentials-file', '-', '--update-credentials', '--reverify'],
    options: { ...VERIFY, credential: ['LOGIN=mxuser', 'PASSWORD=x'], credentialsFile: '-', updateCredentials: true, reverify: true },
    lock: true,
  },
  {
    command: 'verify',
    argv: ['verify', '--scenario', 'mfa-text', '--expect', 'denied', '--junit', 'out.xml'],
    options: { ...VERIFY, scenario: 'mfa-text', expect: 'DENIED', junit: 'out.xml' },
    lock: true,
  },
  { command: 'verify', argv: ['verify', '--owner', '--balance', '--expect-owner', 'Jane Doe'], options: { ...VERIFY, owner: true, balance: true, expectOwner: 'Jane Doe' }, lock: true },
  { command: 'verify', argv: ['verify', '--widget', '--color-scheme', 'dark', '--locale', 'fr-CA'], options: { ...VERIFY, widget: true, colorScheme: 'dark', locale: 'fr-CA' }, lock: true },
  {
    command: 'verify',
    argv: ['verify', '--micro-deposits', '--account-number', '123456789', '--deposit-amount', '0.12', '--deposit-amount', '0.15'],
    env: { MX_IAV_ROUTING_NUMBER: '011000015', MX_IAV_ACCOUNT_TYPE: 'savings', MX_IAV_FIRST_NAME: 'Jane', MX_IAV_LAST_NAME: 'Doe', MX_IAV_EMAIL: 'jane@example.com' },
    options: {
      ...VERIFY,
      microDeposits: true,
      accountNumber: '123456789',
      routingNumber: '011000015',
      accountType: 'savings',
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@example.com',
      depositAmount: ['0.12', '0.15'],
    },
    lock: true,
  },
  { command: 'resume', argv: ['resume'], options: RESUME, lock: true },
  {
    command: 'resume',
    argv: ['resume', '--user', 'USR-1', '--member', 'MBR-1', '--answer', 'correct', '--widget'],
    env: { MX_IAV_INSTITUTION: 'mxbank' },
    options: { ...RESUME, user: 'USR-1', member: 'MBR-1', answer: ['correct'], widget: true, institution: 'mxbank' },
    lock: true,
  },
  { command: 'create-user', argv: ['create-user'], options: {}, lock: true },
  { command: 'create-user', argv: ['create-user', '--id', 'u-1', '--email', 'a@b.c', '--metadata', 'note'], options: { id: 'u-1', email: 'a@b.c', metadata: 'note' }, lock: true },
  { command: 'search-institution', argv: ['search-institution', 'mx', '--per-page', '50'], options: { page: '1', perPage: '50' }, args: ['mx'], lock: true },
  {
    command: 'create-member',
    argv: ['create-member', '--credential', 'LOGIN=mxuser'],
    env: { MX_IAV_INSTITUTION: 'mxbank' },
    options: { institution: 'mxbank', credential: ['LOGIN=mxuser'] },
    lock: true,
  },
  { command: 'status', argv: ['status'], options: STATUS, lock: false },
  { command: 'status', argv: ['status', '--user', 'USR-1', '--member', 'MBR-1', '--watch', '--poll-interval', '5s', '--timeout', '1m'], options: { user: 'USR-1', member: 'MBR-1', watch: true, pollInterval: '5s', timeout: '1m' }, lock: false },
  {
    command: 'account-numbers',
    argv: ['account-numbers', '--account', 'ACT-1', '--reveal', '--owner', '--answer', 'x', '--timeout', '2m'],
    options: { ...ACCOUNT_NUMBERS, account: 'ACT-1', reveal: true, owner: true, answer: ['x'], timeout: '2m' },
    lock: false,
  },
  { command: 'config', argv: ['config', 'set', 'environment', 'sandbox'], options: {}, args: ['set', 'environment', 'sandbox'], lock: true },
  // config words its own usage errors, so the parser lets an unknown action through to it.
  { command: 'config', argv: ['config', 'frobnicate'], options: {}, args: ['frobnicate'], lock: true },
  { command: 'profiles', argv: ['profiles', 'remove', 'jane'], options: {}, args: ['remove', 'jane'], lock: true },
  { command: 'sandbox', argv: ['sandbox'], options: SANDBOX, lock: true },
  {
    command: 'sandbox',
    argv: ['sandbox', '--port', '0', '--seed', '7', '--legacy-accept', '--webhook-url', 'http://a', '--webhook-url', 'MEMBER=http://b', '--webhook-bearer-token', 't'],
    options: { ...SANDBOX, port: '0', seed: '7', legacyAccept: true, webhookUrl: ['http://a', 'MEMBER=http://b'], webhookBearerToken: 't' },
    lock: true,
  },
  // The program's --client-id takes the value wherever it is typed; sandbox.ts reads it from the globals.
  { command: 'sandbox', argv: ['sandbox', '--client-id', 'c'], options: SANDBOX, lock: true, globals: { clientId: 'c' } },
  { command: 'sandbox advance', argv: ['sandbox', 'advance', '10m'], options: {}, args: ['10m'], lock: true },
  { command: 'sandbox events', argv: ['sandbox', 'events'], options: {}, lock: true },
  { command: 'sandbox events resend', argv: ['sandbox', 'events', 'resend', 'WHK-1'], options: {}, args: ['WHK-1'], lock: true },
  {
    command: 'sandbox force-status',
    argv: ['sandbox', 'force-status', 'CHALLENGED', '--member', 'MBR-1', '--challenge-type', 'TEXT'],
    options: { member: 'MBR-1', challengeType: 'TEXT' },
    args: ['CHALLENGED'],
    lock: true,
  },
  { command: 'scenarios', argv: ['scenarios'], options: {}, lock: true },
  { command: 'users', argv: ['users', '--id', 'p-1', '--email', 'a@b.c'], options: { id: 'p-1', email: 'a@b.c' }, lock: false },
  { command: 'members', argv: ['members', '--user', 'USR-1'], options: { user: 'USR-1' }, lock: false },
  { command: 'report', argv: ['report', '--member', 'MBR-1'], options: { member: 'MBR-1' }, lock: false },
  { command: 'cleanup', argv: ['cleanup', '--all', '--yes'], options: { all: true, yes: true }, lock: true },
  { command: 'doctor', argv: ['doctor'], options: {}, lock: false },
  { command: 'completion', argv: ['completion', 'zsh'], options: {}, args: ['zsh'], lock: true },
  {
    command: 'listen',
    argv: ['listen', '--path', '/mx', '--forward-to', 'http://localhost:3000', '--basic-auth', 'u:p', '--sandbox'],
    options: { port: '4020', path: '/mx', forwardTo: 'http://localhost:3000', basicAuth: 'u:p', sandbox: true },
    lock: true,
  },
  { command: 'trigger', argv: ['trigger', 'MEMBER', '--action', 'created'], options: { action: 'created' }, args: ['MEMBER'], lock: true },
  {
    command: 'micro-deposits create',
    argv: ['micro-deposits', 'create', '--reveal'],
    env: { MX_IAV_ACCOUNT_NUMBER: '123', MX_IAV_ROUTING_NUMBER: '011000015', MX_IAV_ACCOUNT_TYPE: 'checking', MX_IAV_FIRST_NAME: 'A', MX_IAV_LAST_NAME: 'B', MX_IAV_EMAIL: 'a@b.c' },
    options: { accountNumber: '123', routingNumber: '011000015', accountType: 'checking', firstName: 'A', lastName: 'B', email: 'a@b.c', reveal: true },
    lock: true,
  },
  { command: 'micro-deposits create', argv: ['micro-deposits', 'create', '--account-number', '999'], env: { MX_IAV_ACCOUNT_NUMBER: '123' }, options: { accountNumber: '999', reveal: false }, lock: true },
  { command: 'micro-deposits status', argv: ['micro-deposits', 'status', '--micro-deposit', 'MIC-1'], options: { microDeposit: 'MIC-1', reveal: false }, lock: false },
  // The variable holds both amounts as one entry; the command splits it (micro-deposits-options.ts).
  { command: 'micro-deposits verify', argv: ['micro-deposits', 'verify'], env: { MX_IAV_DEPOSIT_AMOUNTS: '0.12,0.15' }, options: { depositAmount: ['0.12,0.15'], timeout: '5m', reveal: false }, lock: true },
  { command: 'micro-deposits verify', argv: ['micro-deposits', 'verify', '--deposit-amount', '0.01', '--deposit-amount', '0.02', '--user', 'USR-1'], options: { user: 'USR-1', depositAmount: ['0.01', '0.02'], timeout: '5m', reveal: false }, lock: true },
  { command: 'micro-deposits list', argv: ['micro-deposits', 'list', '--user', 'USR-1'], options: { user: 'USR-1' }, lock: false },
  { command: 'micro-deposits delete', argv: ['micro-deposits', 'delete'], options: {}, lock: true },
];

/**
 * The row's environment, and only it, for the parse (a developer's own MX_* variables must not leak in). Commander
 * reads Option.env from process.env; when runs carry their own io.env, the row's env goes there instead.
 */
/** The program as a run builds it, with the row's environment as the run's own (never process.env). */
function programFor(env: Record<string, string>, received: CommandInput[]) {
  const io = memoryIo({ env: { MX_IAV_CONFIG_DIR: configDir, ...env } });
  return createProgram({ signal: new AbortController().signal, io }, { run: async (input) => void received.push(input) });
}

async function parse(argv: string[], env: Record<string, string> = {}): Promise<CommandInput[]> {
  const received: CommandInput[] = [];
  await programFor(env, received).parseAsync(argv, { from: 'user' });
  return received;
}

function actionPaths(tree: readonly CommandTree[], prefix = ''): string[] {
  return tree.flatMap((spec) => {
    const path = `${prefix}${spec.name}`;
    return [...(isGroup(spec) ? [] : [path]), ...actionPaths(spec.commands ?? [], `${path} `)];
  });
}

describe('argv and environment reach each command as its options', () => {
  it.each(ROWS.map((row) => [`${row.argv.join(' ')}${row.env ? ` (${Object.keys(row.env).join(', ')})` : ''}`, row] as const))('%s', async (_, row) => {
    const received = await parse(row.argv, row.env);
    expect(received).toHaveLength(1);
    const [input] = received as [CommandInput];
    expect(input.options).toStrictEqual(row.options);
    expect(input.args).toEqual(row.args ?? []);
    expect(input.globals.lock).toBe(row.lock);
    // Named as the lock's refusal names it: a subcommand with its parent (`micro-deposits create`).
    expect(`mx-iav ${row.command}`.endsWith(` ${input.globals.command}`)).toBe(true);
    if (row.globals) expect(input.globals).toMatchObject(row.globals);
  });

  it("reads the run's environment, never the process's", async () => {
    process.env.MX_IAV_INSTITUTION = 'from-the-process';
    try {
      const [input] = (await parse(['create-member'])) as [CommandInput];
      expect(input.options).toStrictEqual({});
      const [fromRun] = (await parse(['create-member'], { MX_IAV_INSTITUTION: 'from-the-run' })) as [CommandInput];
      expect(fromRun.options).toStrictEqual({ institution: 'from-the-run' });
    } finally {
      delete process.env.MX_IAV_INSTITUTION;
    }
  });

  it('has a row for every command that runs', () => {
    const covered = new Set(ROWS.map((row) => row.command));
    expect(actionPaths(COMMANDS).filter((path) => !covered.has(path))).toEqual([]);
  });

  it.each([
    [['verify', '--color-scheme', 'blue'], CommanderError, /Allowed choices are light, dark/],
    [['verify', '--expect', 'bogus'], UsageError, /bogus/],
    [['verify', '--scenario', 'nope'], UsageError, /nope/],
    [['completion', 'tcsh'], CommanderError, /Allowed choices are bash, zsh, fish/],
    [['create-user', '--idd', 'x'], CommanderError, /unknown option '--idd'/],
  ] as const)('%j is refused before any command runs', async (argv, kind, message) => {
    const received: CommandInput[] = [];
    const parsing = programFor({}, received).parseAsync([...argv], { from: 'user' });
    await expect(parsing).rejects.toThrow(kind);
    await expect(parsing).rejects.toThrow(message);
    expect(received).toEqual([]);
  });
});
