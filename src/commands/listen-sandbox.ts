// `listen --sandbox`: the listener added to the sandbox's webhook endpoints while it runs, and removed when it ends.
// With no sandbox configured, one is started in this process and its lines are printed for other terminals.
import type { GlobalOptions } from '../session/command-kit.js';
import { writeErr } from '../session/runtime.js';
import { openSandboxTarget } from './sandbox-target.js';

/** Registers `receiverUrl` (with the Basic auth the listener checks, as URL user info) and returns the undo. */
export async function registerWithSandbox(globals: GlobalOptions, receiverUrl: string, basicAuth: string | null): Promise<() => Promise<void>> {
  const target = await openSandboxTarget(globals, '`mx-iav listen --sandbox`', true);
  try {
    const url = new URL(receiverUrl);
    if (basicAuth !== null) {
      const split = basicAuth.indexOf(':');
      url.username = encodeURIComponent(basicAuth.slice(0, split));
      url.password = encodeURIComponent(basicAuth.slice(split + 1));
    }
    const endpoint = await target.admin.addEndpoint(url.href);
    if (target.builtIn) {
      const { url: base, clientId, apiKey } = target.builtIn;
      writeErr(globals.io, `Started a sandbox for this listener; in another terminal:\n  export MX_BASE_URL=${base} MX_CLIENT_ID=${clientId} MX_API_KEY=${apiKey}`);
    }
    writeErr(globals.io, `Registered with the sandbox at ${target.admin.url} as ${endpoint.id}`);
    return async () => {
      try {
        await target.admin.removeEndpoint(endpoint.id);
      } catch (error) {
        // Ending is still a success: the sandbox may have stopped first, taking its endpoints with it.
        writeErr(globals.io, `Could not remove ${endpoint.id} from the sandbox: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await target.close();
      }
    };
  } catch (error) {
    await target.close();
    throw error;
  }
}
