// The guide's steps: verify end to end, resume, and the separate steps (create-user, search-institution, create-member).
import { defineCommand, defineOptions, type EitherOptions, type OptionsOf } from '../../session/command-spec.js';
import { requireScenario, SCENARIOS } from '../../scenarios/catalog.js';
import { checkExpectation, EXPECTABLE } from '../../scenarios/outcome.js';
import {
  answerOptions,
  credentialOptions,
  depositAmountOption,
  institutionOption,
  microDepositAccountOptions,
  paymentOptions,
  reverifyOption,
  updateCredentialsOption,
  widgetOptions,
} from './shared.js';

export const verifyOptions = defineOptions({
  ...institutionOption,
  new: { flags: '--new', description: 'forget the saved member and institution and start a new verification', default: false },
  ...updateCredentialsOption,
  ...reverifyOption,
  // Choices make help and shell completion list the values; the parsers give the usage error its own words.
  scenario: {
    flags: '--scenario <name>',
    description: 'run a CI smoke scenario from `mx-iav scenarios` (a new member each time)',
    choices: SCENARIOS.map((scenario) => scenario.name),
    parse: (name: string) => requireScenario(name).name,
  },
  expect: {
    flags: '--expect <status>',
    description: 'exit 0 only if the verification ends so (default: the scenario\'s, else CONNECTED)',
    choices: EXPECTABLE,
    parse: checkExpectation,
  },
  junit: { flags: '--junit <file>', description: 'write a JUnit XML report of the run to this file' },
  microDeposits: { flags: '--micro-deposits', description: 'verify with two small deposits instead of instant verification', default: false },
  ...credentialOptions,
  ...answerOptions,
  ...paymentOptions,
  ...microDepositAccountOptions,
  ...depositAmountOption,
  ...widgetOptions('send the customer a link to MX\'s Connect widget and follow their sign-in there'),
});

export const resumeOptions = defineOptions({
  user: { flags: '--user <guid>', description: 'user guid (USR-...) to continue; the profile saves it in place of its own (and says so)' },
  member: { flags: '--member <guid>', description: 'member guid (MBR-...) to continue; saved in place of the profile\'s, as --user' },
  ...updateCredentialsOption,
  ...reverifyOption,
  // A run interrupted before the bank was chosen needs it on resume too (under --no-input, from here).
  ...institutionOption,
  ...credentialOptions,
  ...answerOptions,
  ...paymentOptions,
  ...microDepositAccountOptions,
  ...depositAmountOption,
  ...widgetOptions('reopen the widget on the saved member for the customer (a question, a refused sign-in)'),
});

export type VerifyOptions = OptionsOf<typeof verifyOptions>;
export type ResumeOptions = OptionsOf<typeof resumeOptions>;
/** What the helpers `verify` and `resume` share read: either command's options. */
export type VerificationOptions = EitherOptions<VerifyOptions, ResumeOptions>;

export const verifyCommand = defineCommand({
  name: 'verify',
  description: 'verify an account end to end, continuing from any step already saved',
  options: verifyOptions,
  lock: true,
  load: (options) =>
    options.widget
      ? import('../verify-widget.js')
      : // An expectation (or a JUnit report of one) turns the run into a check with its own outcome and exit code.
        options.scenario !== undefined || options.expect !== undefined || options.junit !== undefined
        ? import('../verify-scenario.js')
        : import('../verify.js'),
});

export const resumeCommand = defineCommand({
  name: 'resume',
  description: 'continue an interrupted verification: answer pending challenges, then wait for the end',
  options: resumeOptions,
  lock: true,
  load: (options) => (options.widget ? import('../verify-widget.js') : import('../resume.js')),
});

export const createUserOptions = defineOptions({
  id: { flags: '--id <id>', description: 'your own unique id for the user (default: mx-iav-<uuid>)' },
  email: { flags: '--email <email>', description: 'the user\'s email' },
  metadata: { flags: '--metadata <text>', description: 'free text stored with the user (no secrets)' },
});

export const createUserCommand = defineCommand({
  name: 'create-user',
  description: 'create an MX user and save its guid (step 1 of the guide)',
  options: createUserOptions,
  lock: true,
  load: () => import('../create-user.js'),
});

export const searchInstitutionOptions = defineOptions({
  page: { flags: '--page <n>', description: 'results page', default: '1' },
  perPage: { flags: '--per-page <n>', description: 'results per page (10 to 100)', default: '25' },
});

export const searchInstitutionCommand = defineCommand({
  name: 'search-institution',
  description: 'search institutions that support verification; in a terminal, pick one to save it',
  arguments: [{ name: '[name]', description: 'part of the institution\'s name' }],
  options: searchInstitutionOptions,
  lock: true,
  load: () => import('../search-institution.js'),
});

export const createMemberOptions = defineOptions({ ...institutionOption, ...credentialOptions });

export const createMemberCommand = defineCommand({
  name: 'create-member',
  description: 'ask for the bank credentials and create the member, without starting a job (step 2 of the guide)',
  options: createMemberOptions,
  lock: true,
  load: () => import('../create-member.js'),
});
