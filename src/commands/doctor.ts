import { CliError, EXIT, type ExitCode } from '../errors.js';
import { formatHint } from '../session/next-steps.js';
import type { CommandInput } from '../session/command-kit.js';
import type { GlobalOptions } from '../session/command-kit.js';
import { openRuntime, writeErr, type Runtime } from '../session/runtime.js';
import { configDir, profilePath } from '../store/paths.js';
import { painter } from '../ui/format.js';
import { sanitize, sanitizeOutput } from '../ui/sanitize.js';
import { checkNode, checkPermissions, describeConnection, interpretProbe, type Check } from './doctor-checks.js';
import { emit } from './output.js';

/**
 * Everything a person asks when mx-iav does not work: which MX, which credentials from where, do they work, is the
 * API reachable and how fast, is the config private, is Node new enough. Exit 0 only when nothing failed.
 */
export async function run({ globals, signal }: CommandInput) {
  const dir = configDir(globals.io.env);
  const checks: Check[] = [checkNode(), ...checkPermissions(dir, profilePath(dir, globals.profile))];
  let runtime: Runtime | undefined;
  try {
    // Never prompt: the production confirmation belongs to commands that change something.
    runtime = await openRuntime({ ...globals, input: false }, signal);
    checks.push(...describeConnection(runtime.connection, runtime.proxy));
    const started = performance.now();
    let failure: unknown;
    try {
      // One cheap read with the chosen version's headers: reachability, credentials and whether MX serves that
      // version (406 or another media type if not), e.g. `doctor --api-version v20111101` against MX's int-api.
      await runtime.client.listInstitutions({ records_per_page: 10 });
    } catch (error) {
      failure = error;
    }
    checks.push(...interpretProbe(runtime.connection, performance.now() - started, failure, globals.invocation));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    // The exit the same mistake has in every other command, as raised: 2 for a bad value (--env nope), 3 for configuration.
    checks.push({ name: 'configuration', status: 'fail', detail: error.message, fix: formatHint(error.hint, globals.invocation), exitCode: error.exitCode });
  } finally {
    await runtime?.close();
  }
  report(globals, checks);
}

function report(globals: GlobalOptions, checks: Check[]) {
  const failed = checks.filter((check) => check.status === 'fail');
  const text = renderChecks(checks, globals.stdoutColor);
  if (failed.length === 0) {
    emit(globals, { ok: true, checks }, () => text);
    return;
  }
  // Under --json stdout holds exactly one document, the error; the full list goes to stderr.
  if (globals.json) writeErr(globals.io, text);
  else globals.io.stdout.write(`${sanitizeOutput(text)}\n`);
  const first = failed[0]!;
  throw new CliError(`mx-iav doctor found ${failed.length === 1 ? 'a problem' : `${failed.length} problems`}: ${first.detail.replace(/\.$/, '')}.`, {
    exitCode: Math.min(...failed.map((check) => check.exitCode ?? EXIT.config)) as ExitCode,
    code: 'doctor',
    hint: first.fix,
  });
}

export function renderChecks(checks: Check[], color: boolean): string {
  const paint = painter(color);
  const marks = { ok: paint.green('✔'), warn: paint.yellow('⚠'), fail: paint.red('✖') };
  const width = Math.max(...checks.map((check) => check.name.length));
  return checks
    .map((check) => {
      const line = `${marks[check.status]} ${check.name.padEnd(width)}  ${sanitize(check.detail)}`;
      return check.fix ? `${line}\n  ${' '.repeat(width)}  fix: ${sanitize(check.fix)}` : line;
    })
    .join('\n');
}
