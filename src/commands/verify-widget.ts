// `verify --widget` and `resume --widget`: the support path. The customer signs in to their bank in MX's Connect
// widget; this wires the widget flow to the terminal and prints the numbers exactly as `verify` does.
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime, type Runtime } from '../session/runtime.js';
import { InterruptedError, UsageError } from '../errors.js';
import { describeLifetime } from '../flow/widget-link.js';
import { resumeInWidget, runWidgetVerification, type WidgetOptions } from '../flow/widget.js';
import { openExternal } from '../ui/open-external.js';
import { createWidgetLinkScreen } from '../ui/widget-link.js';
import { parseDuration, pollTiming } from '../session/durations.js';
import { checkGuidFlag, withLookupHint } from './guid-flags.js';
import { paymentAsk } from './payment-report.js';
import { switchTo } from './resume.js';
import type { VerificationOptions } from './specs/guide.js';
import { paymentFor, reportVerified } from './verify.js';
import { hint, step } from '../next-step.js';

// MX: "The URL expires after ten minutes or upon first use, whichever occurs first."
const MX_LINK_LIFETIME_MS = 10 * 60_000;

// The customer types these into the widget themselves, and a CI check has no customer to wait for.
const ANSWERS = 'the customer answers the bank in the widget themselves';
const CHECKS = 'a CI check has no customer to sign in';
const NOT_WITH_WIDGET: [keyof VerificationOptions, string, string][] = [
  ['credential', '--credential', ANSWERS],
  ['credentialsFile', '--credentials-file', ANSWERS],
  ['answer', '--answer', ANSWERS],
  ['selectAccount', '--select-account', ANSWERS],
  ['updateCredentials', '--update-credentials', ANSWERS],
  ['scenario', '--scenario', CHECKS],
  ['expect', '--expect', CHECKS],
  ['junit', '--junit', CHECKS],
];

export async function run({ globals, options, signal }: CommandInput<VerificationOptions>) {
  const clash = NOT_WITH_WIDGET.find(([key]) => options[key] !== undefined && options[key] !== false);
  if (clash) throw new UsageError(`--widget cannot be used with ${clash[1]}: ${clash[2]}.`);
  const locale = checkLocale(options.locale);
  const lifetimeMs = linkLifetimeMs(globals.io.env);
  const user = checkGuidFlag('USR', '--user', options.user);
  const member = checkGuidFlag('MBR', '--member', options.member);
  const runtime = await openRuntime(globals, signal);
  try {
    // The owner and balance checks run once the customer has connected, as after `verify`; the widget's URL asks
    // for identity_verification too, so MX may identify the owner with the verification.
    const ask = paymentAsk(runtime, options, { fallBackToSaved: globals.command === 'resume' });
    const widget: WidgetOptions = {
      ...pollTiming(runtime.connection, options),
      institutionCode: options.institution,
      owner: ask?.owner === true,
      colorScheme: options.colorScheme,
      locale,
      linkLifetimeMs: lifetimeMs,
      signal: runtime.signal,
    };
    const link = createWidgetLinkScreen({
      output: globals.io.stderr,
      input: globals.io.stdin,
      interactive: runtime.interactive,
      lifetime: describeLifetime(lifetimeMs),
      ...(options.open && runtime.interactive && { open: (target: string) => openExternal(target, globals.io.env) }),
    });
    const deps = { ...runtime, link };
    if (globals.command === 'resume') await adoptTyped(runtime, user, member);
    const result = globals.command === 'resume' ? await resumeInWidget(deps, widget) : await runWidgetVerification(deps, widget);
    const payment = ask ? await paymentFor(runtime, result, ask, options) : undefined;
    reportVerified(runtime, result, options, {}, payment);
  } catch (error) {
    // Stopped while the customer was away: plain `resume` would ask this terminal for the bank password.
    if (signal.aborted || error instanceof InterruptedError) throw new InterruptedError('Interrupted.', hint`What was saved is kept. Continue with: ${step('resume', { widget: true })}`);
    throw error;
  } finally {
    await runtime.close();
  }
}

/** `resume --widget --user … --member …`: a typed guid MX does not know is a typo to report, as resume does. */
async function adoptTyped(runtime: Runtime, user: string | undefined, member: string | undefined) {
  const userGuid = user ?? runtime.store.read().user_guid;
  if (member && !userGuid) throw new UsageError('--member needs the user it belongs to: add --user USR-....', hint`Find the user with: ${step('users')}`);
  if (!userGuid || (!user && !member)) return;
  const target = { userGuid, memberGuid: member ?? '', typed: { user: Boolean(user), member: Boolean(member), account: false } };
  await withLookupHint(runtime, target, async () => {
    await (member ? runtime.client.readMember(userGuid, member) : runtime.client.readUser(userGuid));
  });
  // As plain resume: the profile follows the typed guids, saying what it replaces, and its hints ("Continue with: mx-iav
  // resume --widget") name them; a new user without --member drops the old user's member instead of keeping it.
  switchTo(runtime, runtime.globals.profile, userGuid, member);
}

// A language tag goes into a request header, so it is held to BCP 47's letters, digits and dashes.
function checkLocale(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(value)) {
    throw new UsageError(`--locale takes a language tag such as en-US or fr-CA, not "${value.slice(0, 40)}".`);
  }
  return value;
}

/** MX_IAV_WIDGET_URL_LIFETIME: how long a link is taken to live before a new one is offered (MX's is ten minutes). */
function linkLifetimeMs(env: NodeJS.ProcessEnv): number {
  const value = env.MX_IAV_WIDGET_URL_LIFETIME;
  if (value === undefined || value === '') return MX_LINK_LIFETIME_MS;
  const ms = parseDuration(value, 'MX_IAV_WIDGET_URL_LIFETIME');
  if (ms <= 0) throw new UsageError('MX_IAV_WIDGET_URL_LIFETIME must be more than zero.');
  return ms;
}
