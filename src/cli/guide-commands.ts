import { Option, type Command } from 'commander';
import { collect, lazyAction, type ProgramContext } from '../session/command-kit.js';
import { requireScenario, SCENARIOS } from '../scenarios/catalog.js';
import { checkExpectation, EXPECTABLE } from '../scenarios/outcome.js';
import { microDepositAccountOptions, microDepositAmountOption } from './micro-deposit-commands.js';

const answerOptions = (command: Command) =>
  command
    .option('--answer <value>', 'answer to a challenge (repeatable, in challenge order)', collect)
    .option('--select-account <account>', 'the account to verify: first, its value, its whole label, or its name (Savings)')
    .option('--timeout <duration>', 'give up waiting after this long (e.g. 90s, 5m)', '5m')
    .option('--poll-interval <duration>', 'time between status reads (MX: 3s at least)')
    .option('--reveal', 'show whole account numbers (masked to the last four digits by default)', false)
    .option('--open', 'in a terminal, open the bank\'s sign-in page (OAuth) in the browser and challenge images in the viewer', false);

/** MX's payment verification besides the numbers: the account's owner and its balance (README "Owner and balance"). */
export const paymentOptions = (command: Command) =>
  command
    .option('--owner', 'also identify the account owners (MX Account Owner Identification)', false)
    .option('--balance', 'also check the balances now (MX check_balance)', false)
    .option('--expect-owner <name>', 'exit 5 unless an owner of a verified account has this name (implies --owner)');

const credentialOptions = (command: Command) =>
  command
    .option('--credential <FIELD=VALUE>', 'bank credential by field name (repeatable), e.g. LOGIN=mxuser', collect)
    .option('--credentials-file <path>', 'JSON object of field name to value ("-" reads stdin)');

// The support path (issue 16): the customer signs in to their bank in MX's Connect widget, not in this terminal.
const widgetOptions = (command: Command, what: string) =>
  command
    .option('--widget', what, false)
    .addOption(new Option('--color-scheme <scheme>', 'with --widget: the widget\'s colours').choices(['light', 'dark']))
    .option('--locale <tag>', 'with --widget: the widget\'s language, e.g. fr-CA');

const institutionOption = () =>
  new Option('--institution <code>', 'institution code, e.g. mxbank').env('MX_IAV_INSTITUTION');

// Choices make help and shell completion list the values; the parsers give the usage error its own words.
const scenarioOption = () =>
  new Option('--scenario <name>', 'run a CI smoke scenario from `mx-iav scenarios` (a new member each time)')
    .choices(SCENARIOS.map((scenario) => scenario.name))
    .argParser((name) => requireScenario(name).name);

const expectOption = () =>
  new Option('--expect <status>', 'exit 0 only if the verification ends so (default: the scenario\'s, else CONNECTED)')
    .choices(EXPECTABLE)
    .argParser(checkExpectation);

export function registerStepCommands(program: Command, context: ProgramContext) {
  registerVerify(program, context);
  registerResume(program, context);

  program
    .command('create-user')
    .description('create an MX user and save its guid (step 1 of the guide)')
    .option('--id <id>', 'your own unique id for the user (default: mx-iav-<uuid>)')
    .option('--email <email>', 'the user\'s email')
    .option('--metadata <text>', 'free text stored with the user (no secrets)')
    .action(lazyAction(context, () => import('../commands/create-user.js')));

  program
    .command('search-institution')
    .argument('[name]', 'part of the institution\'s name')
    .description('search institutions that support verification; in a terminal, pick one to save it')
    .option('--page <n>', 'results page', '1')
    .option('--per-page <n>', 'results per page (10 to 100)', '25')
    .action(lazyAction(context, () => import('../commands/search-institution.js')));

  credentialOptions(
    program
      .command('create-member')
      .description('ask for the bank credentials and create the member, without starting a job (step 2 of the guide)')
      .addOption(institutionOption()),
  ).action(lazyAction(context, () => import('../commands/create-member.js')));
}

function registerVerify(program: Command, context: ProgramContext) {
  const verify = paymentOptions(answerOptions(
    credentialOptions(
      program
        .command('verify')
        .description('verify an account end to end, continuing from any step already saved')
        .addOption(institutionOption())
        .option('--new', 'forget the saved member and institution and start a new verification', false)
        .option('--update-credentials', 'enter the bank credentials again before verifying', false)
        .option('--reverify', 'ask MX to verify again a member already verified, instead of reusing its numbers', false)
        .addOption(scenarioOption())
        .addOption(expectOption())
        .option('--junit <file>', 'write a JUnit XML report of the run to this file')
        .option('--micro-deposits', 'verify with two small deposits instead of instant verification', false),
    ),
  ));
  widgetOptions(microDepositAmountOption(microDepositAccountOptions(verify)), 'send the customer a link to MX\'s Connect widget and follow their sign-in there').action(
    lazyAction(context, (options) =>
      options.widget === true
        ? import('../commands/verify-widget.js')
        : // An expectation (or a JUnit report of one) turns the run into a check with its own outcome and exit code.
          options.scenario !== undefined || options.expect !== undefined || options.junit !== undefined
          ? import('../commands/verify-scenario.js')
          : import('../commands/verify.js'),
    ),
  );
}

function registerResume(program: Command, context: ProgramContext) {
  const resume = paymentOptions(answerOptions(
    credentialOptions(
      program
        .command('resume')
        .description('continue an interrupted verification: answer pending challenges, then wait for the end')
        .option('--user <guid>', 'user guid (USR-...) to continue; the profile saves it in place of its own (and says so)')
        .option('--member <guid>', 'member guid (MBR-...) to continue; saved in place of the profile\'s, as --user')
        .option('--update-credentials', 'enter the bank credentials again before verifying', false)
        .option('--reverify', 'ask MX to verify again a member already verified, instead of reusing its numbers', false)
        // A run interrupted before the bank was chosen needs it on resume too (under --no-input, from here).
        .addOption(institutionOption()),
    ),
  ));
  widgetOptions(microDepositAmountOption(microDepositAccountOptions(resume)), 'reopen the widget on the saved member for the customer (a question, a refused sign-in)').action(
    lazyAction(context, (options) => (options.widget === true ? import('../commands/verify-widget.js') : import('../commands/resume.js'))),
  );
}
