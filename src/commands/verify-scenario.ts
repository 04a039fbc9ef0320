import { accessSync, constants, lstatSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, ConfigError, TimeoutError, VerificationError } from '../errors.js';
import type { CommandInput } from '../session/command-kit.js';
import type { Io } from '../session/io.js';
import { openRuntime, type Runtime } from '../session/runtime.js';
import { emit } from './output.js';
import { readPresets } from './presets.js';
import { paymentAsk } from './payment-report.js';
import type { VerifyOptions } from './specs/guide.js';
import { paymentFor, reportVerified, verifyOnce } from './verify.js';
import type { PaymentAsk } from '../flow/payment-check.js';
import type { PresetAnswers } from '../ui/preset-answers.js';
import { requireScenario, type Scenario } from '../scenarios/catalog.js';
import { replaceFile } from '../store/safe-files.js';
import { junitReport, type JunitCase } from '../scenarios/junit.js';
import { checkExpectation, describeOutcome, outcomeOfError, TIMED_OUT, type Outcome } from '../scenarios/outcome.js';
import { hint, step } from '../next-step.js';

/**
 * `verify --scenario/--expect/--junit`: runs one verification and succeeds only when it ends as expected, so a
 * CI job can assert DENIED as readily as CONNECTED. A run that never reaches an end (bad configuration, network)
 * keeps its own error and exit code.
 */
export async function run({ globals, options, signal }: CommandInput<VerifyOptions>) {
  const scenario = options.scenario === undefined ? undefined : requireScenario(options.scenario);
  checkJunitPath(options.junit);
  const expected = options.expect === undefined ? (scenario?.expect ?? 'CONNECTED') : checkExpectation(options.expect);
  const flags: VerifyOptions = scenario ? { ...options, institution: scenario.institution, new: true } : options;
  const testCase = { name: scenario?.name ?? 'verify', startedAt: new Date(), output: [`expected: ${expected}`] };
  let finished = false;
  const finish = (result: Pick<JunitCase, 'failure' | 'error'>) => {
    finished = true;
    writeJunit(options.junit, testCase, result);
  };

  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(globals, signal, scenario ? await scenarioPresets(scenario, options, globals.io, signal) : await readPresets(options, { io: globals.io, signal }));
    testCase.output.push(`environment: ${runtime.connection.environment}`);
    // A new user each time: MX refuses a second member with the same credentials at the same institution.
    // `mx-iav cleanup` deletes these users later.
    if (scenario) runtime.store.forget(['user_guid']);
    const ask = paymentAsk(runtime, flags, { fallBackToSaved: false });
    const { outcome, result } = await attempt(runtime, flags, ask);
    testCase.output.push(`outcome: ${outcome.end}`, ...guidLines(runtime));
    if (outcome.end !== expected) {
      const why = outcome.error ? `: ${describeOutcome(outcome)}` : '.';
      const message = `${scenario ? `Scenario ${scenario.name}: expected` : 'Expected'} ${expected}, got ${outcome.end}${why}`;
      finish({ failure: { message, type: 'unexpected_outcome' } });
      // Running out of time is no end of the verification: exit 7, as every wait that times out (README).
      if (outcome.end === TIMED_OUT) throw new TimeoutError(message, hintOf(outcome.error));
      throw new VerificationError(outcome.end, message, scenario ? scenarioHint(scenario) : hintOf(outcome.error), 'unexpected_outcome');
    }
    finish({});
    const extra = { scenario: scenario?.name ?? null, expected, outcome: outcome.end };
    // Owner and balance come after the expectation: a verification that ended as expected is checked further.
    if (result) return reportVerified(runtime, result, flags, extra, ask ? await paymentFor(runtime, result, ask, flags) : undefined);
    const { user_guid, member_guid } = runtime.store.read();
    const document = { status: 'as_expected', environment: runtime.connection.environment, user_guid, member_guid, ...extra };
    emit(globals, { ...document, message: describeOutcome(outcome) }, () =>
      `✔ ${scenario ? `Scenario ${scenario.name}` : 'The verification'} ended ${outcome.end}, as expected: ${describeOutcome(outcome)}`,
    );
  } catch (error) {
    if (!finished) {
      finish({ error: { message: error instanceof Error ? error.message : String(error), type: errorType(error) } });
    }
    throw error;
  } finally {
    await runtime?.close();
  }
}

async function attempt(runtime: Runtime, flags: VerifyOptions, ask: PaymentAsk | null) {
  try {
    return { outcome: { end: 'CONNECTED' } as Outcome, result: await verifyOnce(runtime, flags, ask) };
  } catch (error) {
    const outcome = outcomeOfError(error);
    if (outcome === null) throw error;
    return { outcome, result: undefined };
  }
}

/** The scenario's answers; --credential, --answer and --select-account flags override them, the environment does not. */
async function scenarioPresets(scenario: Scenario, options: VerifyOptions, io: Io, signal: AbortSignal): Promise<PresetAnswers> {
  const flagged = await readPresets(options, { io, env: {}, signal });
  return {
    credentials: { ...scenario.credentials, ...flagged.credentials },
    answers: flagged.answers.length > 0 ? flagged.answers : scenario.answers,
    selectAccount: options.selectAccount ?? scenario.selectAccount,
  };
}

function guidLines(runtime: Runtime): string[] {
  const { user_guid, member_guid } = runtime.store.read();
  return [user_guid && `user: ${user_guid}`, member_guid && `member: ${member_guid}`].filter((line): line is string => Boolean(line));
}

// The ended run's own hint ("re-enter the credentials") would mislead when the scenario chose them on purpose.
const scenarioHint = (scenario: Scenario) =>
  scenario.intApiNote ? `Against MX's int-api, note: ${scenario.intApiNote}.` : hint`See what scenario ${scenario.name} does: ${step('scenarios')}`;

const hintOf = (error: unknown) => (error instanceof CliError ? error.hint : undefined);

const errorType = (error: unknown) =>
  error !== null && typeof error === 'object' && typeof Reflect.get(error, 'code') === 'string' ? String(Reflect.get(error, 'code')) : 'error';

/** Before anything is sent: a report path that cannot be written would otherwise fail the job after a whole run. */
function checkJunitPath(path: string | undefined) {
  if (path === undefined) return;
  try {
    // The report replaces the path by a rename in its directory, so that directory is what must be writable.
    const existing = lstatSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch (error) {
    throw junitError(path, error);
  }
}

const junitError = (path: string, error: unknown) =>
  new ConfigError(`The JUnit report cannot be written to ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, 'Pass a writable path to --junit.', error);

function writeJunit(path: string | undefined, testCase: { name: string; startedAt: Date; output: string[] }, result: Pick<JunitCase, 'failure' | 'error'>) {
  if (path === undefined) return;
  const time = (Date.now() - testCase.startedAt.getTime()) / 1000;
  const xml = junitReport('verify', { name: testCase.name, time, output: testCase.output.join('\n'), ...result }, testCase.startedAt);
  try {
    // Replaced by rename, never written through: a link or FIFO planted at the path is replaced, not followed.
    replaceFile(path, xml, 0o644);
  } catch (error) {
    throw junitError(path, error);
  }
}
