// `mx-iav micro-deposits …`: the group and its steps (the flags `verify` and `resume` share with it are in shared.ts).
import { defineCommand, defineGroup, defineOptions, type OptionsOf } from '../../session/command-spec.js';
import { depositAmountOption, microDepositAccountOptions } from './shared.js';

const load = (name: 'create' | 'status' | 'verify' | 'list' | 'remove') => async () => ({ run: (await import('../micro-deposits.js'))[name] });

const revealOption = defineOptions({ reveal: { flags: '--reveal', description: 'show the whole account number', default: false } });

const guidOptions = defineOptions({
  user: { flags: '--user <guid>', description: 'user guid (USR-...) instead of the saved one' },
  microDeposit: { flags: '--micro-deposit <guid>', description: 'micro-deposit guid (MIC-...) instead of the saved one' },
});

export const createOptions = defineOptions({ ...microDepositAccountOptions, ...revealOption });
export const statusOptions = defineOptions({ ...guidOptions, ...revealOption });
export const verifyOptions = defineOptions({
  ...guidOptions,
  ...depositAmountOption,
  timeout: { flags: '--timeout <duration>', description: 'wait this long for the deposits to arrive', default: '5m' },
  pollInterval: { flags: '--poll-interval <duration>', description: 'time between reads while waiting' },
  ...revealOption,
});
export const listOptions = defineOptions({ user: guidOptions.user });

/** Any micro-deposits subcommand's options (each sets some), as the module's shared steps read them. */
export type MicroDepositsOptions = Partial<OptionsOf<typeof createOptions> & OptionsOf<typeof statusOptions> & OptionsOf<typeof verifyOptions>>;

export const microDepositsGroup = defineGroup({
  name: 'micro-deposits',
  description: 'verify an account with two small deposits, where instant verification is not available',
  commands: [
    defineCommand({
      name: 'create',
      description: 'ask MX to send two small deposits to an account, and save the micro-deposit',
      options: createOptions,
      lock: true,
      load: load('create'),
    }),
    defineCommand({
      name: 'status',
      description: 'the saved (or --micro-deposit) micro-deposit\'s status, in words, with the next step',
      options: statusOptions,
      lock: false,
      load: load('status'),
    }),
    defineCommand({ name: 'verify', description: 'type the two amounts from the statement (three attempts)', options: verifyOptions, lock: true, load: load('verify') }),
    defineCommand({ name: 'list', description: 'the micro-deposits of the saved (or --user) user', options: listOptions, lock: false, load: load('list') }),
    defineCommand({ name: 'delete', description: 'delete the saved (or --micro-deposit) micro-deposit', options: guidOptions, lock: true, load: load('remove') }),
  ],
});
