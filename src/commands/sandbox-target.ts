// The running sandbox the admin commands (listen --sandbox, trigger, sandbox advance/events/force-status) talk to:
// the profile's connection, which must be a sandbox at a URL. A connection to MX is refused before anything is
// sent, because MX has no /_sandbox routes and its API key must not be sent to one; the built-in sandbox lives only
// as long as each command, so it has no clock or log to drive from another.
import { MX_HOSTS, resolveConnection, type Connection } from '../session/connection.js';
import type { GlobalOptions } from '../session/command-kit.js';
import { CliError, ConfigError } from '../errors.js';
import { createSandboxAdmin, type SandboxAdmin } from '../mx/sandbox-admin.js';
import { checkProfileName, configDir } from '../store/paths.js';
import { openProfileStore, type ProfileStore } from '../store/profile-store.js';
import { hint, step } from '../next-step.js';

export interface SandboxTarget {
  admin: SandboxAdmin;
  connection: Connection;
  profile: ProfileStore;
  /** The sandbox this process started (listen --sandbox with none configured), or null for the configured one. */
  builtIn: { url: string; clientId: string; apiKey: string } | null;
  close(): Promise<void>;
}

const START_ONE = hint`Start one with \`${step('sandbox')}\` and export the MX_* lines it prints (or pass --base-url).`;

function isMxHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return Object.values(MX_HOSTS).some((mx) => new URL(mx).hostname === host) || host === 'mx.com' || host.endsWith('.mx.com');
}

/** Resolves the connection as every command does, checks it is a sandbox at a URL, and asks for its clock. */
export async function openSandboxTarget(globals: GlobalOptions, what: string, allowBuiltIn = false): Promise<SandboxTarget> {
  // No lock: these only read the profile, and `listen --sandbox` runs beside a `verify` of the same profile.
  const profile = await openProfileStore(configDir(globals.io.env), checkProfileName(globals.profile), { lock: false, command: `mx-iav ${globals.command ?? ''}` });
  try {
    const connection = resolveConnection(globals, globals.io.env, profile.settings());
    const url = connection.baseUrl;
    if (connection.environment !== 'sandbox' || (url !== null && isMxHost(url))) {
      throw new ConfigError(`${what} works with an mx-iav sandbox, and this connection is MX ${connection.environment} (${url}), which has no test clock or webhook controls.`, START_ONE);
    }
    if (url === null && allowBuiltIn) return await builtInTarget(connection, profile, globals.io.env);
    if (url === null) {
      throw new ConfigError(`${what} needs a running sandbox's URL, and none is configured (the built-in sandbox lasts only as long as each command).`, START_ONE);
    }
    const defaults = connection.clientId && connection.apiKey ? null : await import('../sandbox/index.js');
    const admin = createSandboxAdmin({
      baseUrl: url,
      clientId: connection.clientId ?? defaults?.SANDBOX_CLIENT_ID ?? '',
      apiKey: connection.apiKey ?? defaults?.SANDBOX_API_KEY ?? '',
    });
    await admin.clock();
    return { admin, connection, profile, builtIn: null, close: async () => profile.close() };
  } catch (error) {
    profile.close();
    throw error;
  }
}

/** A sandbox in this process, on a free loopback port, for as long as the command runs. */
async function builtInTarget(connection: Connection, profile: ProfileStore, env: GlobalOptions['io']['env']): Promise<SandboxTarget> {
  const { createSandbox } = await import('../sandbox/index.js');
  // Steps as the per-command built-in sandbox takes them (src/session/runtime.ts), so tests can make them instant.
  const jobMs = Number(env.MX_IAV_SANDBOX_JOB_MS ?? 1000);
  const sandbox = await createSandbox({ port: 0, jobMs: Number.isFinite(jobMs) && jobMs >= 0 ? jobMs : 1000, recordPath: env.MX_IAV_SANDBOX_RECORD ?? '' });
  const builtIn = { url: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey };
  const admin = createSandboxAdmin({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey });
  const close = async () => {
    try {
      await sandbox.close();
    } finally {
      profile.close();
    }
  };
  return { admin, connection, profile, builtIn, close };
}

/**
 * Runs `act` on the member: --member, else the one the profile saved for this sandbox. A saved member the sandbox
 * no longer has (it was restarted) is stale configuration, exit 3, as for a saved guid MX no longer knows.
 */
export async function onMember<T>(target: SandboxTarget, typed: string | undefined, globals: GlobalOptions, act: (guid: string) => Promise<T>) {
  const saved = target.profile.flowStore(target.connection.storeKey).read().member_guid;
  const guid = typed ?? saved;
  if (!guid) {
    throw new ConfigError(
      `No member is saved in profile "${globals.profile}" for the sandbox at ${target.connection.baseUrl}.`,
      hint`Verify one first (${step('verify')}), or pass --member MBR-...`,
    );
  }
  try {
    return { guid, result: await act(guid) };
  } catch (error) {
    if (typed !== undefined || !(error instanceof CliError) || error.code !== 'not_found') throw error;
    throw new ConfigError(
      `The sandbox at ${target.connection.baseUrl} has no member ${guid}, the one saved in profile "${globals.profile}".`,
      hint`Verify one again (${step('verify')}), or pass --member MBR-...`,
    );
  }
}
