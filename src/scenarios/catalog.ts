import { UsageError } from '../errors.js';
import { hint, step } from '../next-step.js';

// CI smoke scenarios: each name fixes the institution, the credentials and the answers, and says how the
// verification should end. They use MX Bank's documented test logins (mxuser + a password that picks the
// behaviour), so the same names run against the built-in sandbox and against MX's int-api.

/** How a verification can end: a connection status, or connected without any account eligible for IAV. */
export const NO_ELIGIBLE_ACCOUNTS = 'NO_ELIGIBLE_ACCOUNTS';

export interface Scenario {
  name: string;
  summary: string;
  institution: string;
  credentials: Record<string, string>;
  /** Challenge answers, in order (the account choice is separate). */
  answers: string[];
  selectAccount?: string;
  expect: string;
  /** Where MX's int-api is not known to behave like the sandbox. */
  intApiNote?: string;
}

const mxuser = (password: string) => ({ LOGIN: 'mxuser', PASSWORD: password });
const MFA_ANSWER = ['correct'];

export const SCENARIOS: readonly Scenario[] = [
  { name: 'happy', summary: 'credentials accepted, the first account chosen', institution: 'mxbank', credentials: mxuser('password'), answers: [], selectAccount: 'first', expect: 'CONNECTED' },
  { name: 'one-account', summary: 'a login with one checking account: no account choice', institution: 'mxbank', credentials: { LOGIN: 'mxuser_one_account', PASSWORD: 'password' }, answers: [], selectAccount: 'first', expect: 'CONNECTED', intApiNote: 'mxuser_one_account is the sandbox\'s; MX documents only mxuser' },
  { name: 'mfa-text', summary: 'a TEXT challenge answered "correct"', institution: 'mxbank', credentials: mxuser('challenge'), answers: MFA_ANSWER, selectAccount: 'first', expect: 'CONNECTED' },
  { name: 'mfa-options', summary: 'an OPTIONS challenge answered "correct"', institution: 'mxbank', credentials: mxuser('options'), answers: MFA_ANSWER, selectAccount: 'first', expect: 'CONNECTED' },
  { name: 'mfa-token', summary: 'a TOKEN challenge answered "correct"', institution: 'mxbank', credentials: mxuser('token'), answers: MFA_ANSWER, selectAccount: 'first', expect: 'CONNECTED', intApiNote: 'the password "token" is the sandbox\'s; MX documents challenge, options and image' },
  { name: 'mfa-image', summary: 'an IMAGE_DATA challenge answered "correct"', institution: 'mxbank', credentials: mxuser('image'), answers: MFA_ANSWER, selectAccount: 'first', expect: 'CONNECTED', intApiNote: 'MX documents an "image" challenge without saying IMAGE_DATA or IMAGE_OPTIONS' },
  { name: 'mfa-image-options', summary: 'an IMAGE_OPTIONS challenge answered "correct"', institution: 'mxbank', credentials: mxuser('image_options'), answers: MFA_ANSWER, selectAccount: 'first', expect: 'CONNECTED', intApiNote: 'the password "image_options" is the sandbox\'s' },
  { name: 'rejected', summary: 'a TEXT challenge answered wrongly', institution: 'mxbank', credentials: mxuser('challenge'), answers: ['wrong'], selectAccount: 'first', expect: 'REJECTED' },
  { name: 'denied', summary: 'the bank rejects the login', institution: 'mxbank', credentials: mxuser('INVALID'), answers: [], selectAccount: 'first', expect: 'DENIED' },
  { name: 'locked', summary: 'the bank reports the account locked', institution: 'mxbank', credentials: mxuser('LOCKED'), answers: [], selectAccount: 'first', expect: 'LOCKED' },
  { name: 'failed', summary: 'the bank answers with a server error', institution: 'mxbank', credentials: mxuser('SERVER_ERROR'), answers: [], selectAccount: 'first', expect: 'FAILED' },
  { name: 'no-eligible-accounts', summary: 'connected, but no checking or savings account', institution: 'mxbank', credentials: { LOGIN: 'mxuser_no_dda', PASSWORD: 'password' }, answers: [], selectAccount: 'first', expect: NO_ELIGIBLE_ACCOUNTS, intApiNote: 'mxuser_no_dda is the sandbox\'s; MX documents no such login' },
  { name: 'oauth', summary: 'an OAuth bank: approve at the printed address', institution: 'mx_bank_oauth', credentials: {}, answers: [], selectAccount: 'first', expect: 'CONNECTED', intApiNote: 'someone (or a browser script) must approve at the address printed on stderr' },
];

export function requireScenario(name: string): Scenario {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name);
  if (scenario) return scenario;
  throw new UsageError(
    `There is no scenario named "${name.slice(0, 40)}".`,
    hint`Use one of: ${SCENARIOS.map((candidate) => candidate.name).join(', ')} (see: ${step('scenarios')})`,
  );
}
