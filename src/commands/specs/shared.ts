// Option sets more than one command takes, each declared once here and spread into the commands' own.
import { defineOptions } from '../../session/command-spec.js';

export const institutionOption = defineOptions({
  institution: { flags: '--institution <code>', description: 'institution code, e.g. mxbank', env: 'MX_IAV_INSTITUTION' },
});

export const updateCredentialsOption = defineOptions({
  updateCredentials: { flags: '--update-credentials', description: 'enter the bank credentials again before verifying', default: false },
});

export const reverifyOption = defineOptions({
  reverify: { flags: '--reverify', description: 'ask MX to verify again a member already verified, instead of reusing its numbers', default: false },
});

export const answerOptions = defineOptions({
  answer: { flags: '--answer <value>', description: 'answer to a challenge (repeatable, in challenge order)', repeatable: true },
  selectAccount: { flags: '--select-account <account>', description: 'the account to verify: first, its value, its whole label, or its name (Savings)' },
  timeout: { flags: '--timeout <duration>', description: 'give up waiting after this long (e.g. 90s, 5m)', default: '5m' },
  pollInterval: { flags: '--poll-interval <duration>', description: 'time between status reads (MX: 3s at least)' },
  reveal: { flags: '--reveal', description: 'show whole account numbers (masked to the last four digits by default)', default: false },
  open: { flags: '--open', description: 'in a terminal, open the bank\'s sign-in page (OAuth) in the browser and challenge images in the viewer', default: false },
});

/** MX's payment verification besides the numbers: the account's owner and its balance (README "Owner and balance"). */
export const paymentOptions = defineOptions({
  owner: { flags: '--owner', description: 'also identify the account owners (MX Account Owner Identification)', default: false },
  balance: { flags: '--balance', description: 'also check the balances now (MX check_balance)', default: false },
  expectOwner: { flags: '--expect-owner <name>', description: 'exit 5 unless an owner of a verified account has this name (implies --owner)' },
});

export const credentialOptions = defineOptions({
  credential: { flags: '--credential <FIELD=VALUE>', description: 'bank credential by field name (repeatable), e.g. LOGIN=mxuser', repeatable: true },
  credentialsFile: { flags: '--credentials-file <path>', description: 'JSON object of field name to value ("-" reads stdin)' },
});

// The support path (issue 16): the customer signs in to their bank in MX's Connect widget, not in this terminal.
export const widgetOptions = (what: string) =>
  defineOptions({
    widget: { flags: '--widget', description: what, default: false },
    colorScheme: { flags: '--color-scheme <scheme>', description: 'with --widget: the widget\'s colours', choices: ['light', 'dark'] },
    locale: { flags: '--locale <tag>', description: 'with --widget: the widget\'s language, e.g. fr-CA' },
  });

/** The account and holder flags, each with the MX_IAV_* variable commander reads when the flag is absent. */
export const microDepositAccountOptions = defineOptions({
  accountNumber: { flags: '--account-number <digits>', description: 'micro-deposits: the account number (masked in all output)', env: 'MX_IAV_ACCOUNT_NUMBER' },
  routingNumber: { flags: '--routing-number <digits>', description: 'micro-deposits: the ABA routing number (checked before sending)', env: 'MX_IAV_ROUTING_NUMBER' },
  accountType: { flags: '--account-type <type>', description: 'micro-deposits: checking (default under --no-input) or savings', env: 'MX_IAV_ACCOUNT_TYPE' },
  firstName: { flags: '--first-name <name>', description: 'micro-deposits: the account holder\'s first name', env: 'MX_IAV_FIRST_NAME' },
  lastName: { flags: '--last-name <name>', description: 'micro-deposits: the account holder\'s last name', env: 'MX_IAV_LAST_NAME' },
  email: { flags: '--email <email>', description: 'micro-deposits: the account holder\'s email (MX: three accounts per email)', env: 'MX_IAV_EMAIL' },
});

/** Each --deposit-amount, or MX_IAV_DEPOSIT_AMOUNTS ("0.12,0.15") as one entry. */
export const depositAmountOption = defineOptions({
  depositAmount: { flags: '--deposit-amount <amount>', description: 'micro-deposits: one deposit\'s amount, e.g. 0.07 (give it twice)', repeatable: true, env: 'MX_IAV_DEPOSIT_AMOUNTS' },
});

export const userOption = defineOptions({
  user: { flags: '--user <guid>', description: 'user guid (USR-...) instead of the saved one' },
});

export const memberOption = defineOptions({
  member: { flags: '--member <guid>', description: 'member guid (MBR-...) instead of the saved one' },
});
