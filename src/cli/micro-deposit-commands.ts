// `mx-iav micro-deposits …` and the micro-deposit flags `verify` and `resume` share.
import { Option, type Command } from 'commander';
import { collect, lazyAction, type ProgramContext } from '../session/command-kit.js';

/** The account and holder flags, each with the MX_IAV_* variable commander reads when the flag is absent. */
export function microDepositAccountOptions(command: Command): Command {
  return command
    .addOption(new Option('--account-number <digits>', 'micro-deposits: the account number (masked in all output)').env('MX_IAV_ACCOUNT_NUMBER'))
    .addOption(new Option('--routing-number <digits>', 'micro-deposits: the ABA routing number (checked before sending)').env('MX_IAV_ROUTING_NUMBER'))
    .addOption(new Option('--account-type <type>', 'micro-deposits: checking (default under --no-input) or savings').env('MX_IAV_ACCOUNT_TYPE'))
    .addOption(new Option('--first-name <name>', 'micro-deposits: the account holder\'s first name').env('MX_IAV_FIRST_NAME'))
    .addOption(new Option('--last-name <name>', 'micro-deposits: the account holder\'s last name').env('MX_IAV_LAST_NAME'))
    .addOption(new Option('--email <email>', 'micro-deposits: the account holder\'s email (MX: three accounts per email)').env('MX_IAV_EMAIL'));
}

export function microDepositAmountOption(command: Command): Command {
  return command.addOption(
    new Option('--deposit-amount <amount>', 'micro-deposits: one deposit\'s amount, e.g. 0.07 (give it twice)').argParser(collect).env('MX_IAV_DEPOSIT_AMOUNTS'),
  );
}

const load = (name: 'create' | 'status' | 'verify' | 'list' | 'remove') => async () => ({ run: (await import('../commands/micro-deposits.js'))[name] });

export function registerMicroDepositCommands(program: Command, context: ProgramContext) {
  const group = program
    .command('micro-deposits')
    .description('verify an account with two small deposits, where instant verification is not available');
  const guidOptions = (command: Command) =>
    command.option('--user <guid>', 'user guid (USR-...) instead of the saved one').option('--micro-deposit <guid>', 'micro-deposit guid (MIC-...) instead of the saved one');
  microDepositAccountOptions(group.command('create').description('ask MX to send two small deposits to an account, and save the micro-deposit'))
    .option('--reveal', 'show the whole account number', false)
    .action(lazyAction(context, load('create')));
  guidOptions(group.command('status').description('the saved (or --micro-deposit) micro-deposit\'s status, in words, with the next step'))
    .option('--reveal', 'show the whole account number', false)
    .action(lazyAction(context, load('status')));
  microDepositAmountOption(guidOptions(group.command('verify').description('type the two amounts from the statement (three attempts)')))
    .option('--timeout <duration>', 'wait this long for the deposits to arrive', '5m')
    .option('--poll-interval <duration>', 'time between reads while waiting')
    .option('--reveal', 'show the whole account number', false)
    .action(lazyAction(context, load('verify')));
  group.command('list').description('the micro-deposits of the saved (or --user) user').option('--user <guid>', 'user guid (USR-...) instead of the saved one').action(lazyAction(context, load('list')));
  guidOptions(group.command('delete').description('delete the saved (or --micro-deposit) micro-deposit')).action(lazyAction(context, load('remove')));
}
