import type { Sandbox } from '../../src/sandbox/index.js';
import { waitForAsync } from '../helpers/wait-for.js';
import { basic } from '../sandbox/helpers.js';

/** A call to the sandbox's admin surface (`/_sandbox/...`), with its Basic auth. */
export async function admin(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'apiKey'>, method: string, path: string, body?: unknown) {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: { authorization: basic(sandbox.clientId, sandbox.apiKey), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever shape the sandbox sent
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as any };
}

export interface LoggedEvent {
  id: string;
  type: string;
  state: string;
  attempts: { status: number | null; error: string | null }[];
}

type Target = Pick<Sandbox, 'url' | 'clientId' | 'apiKey'>;
const eventsOf = async (target: Target): Promise<LoggedEvent[]> => (await admin(target, 'GET', '/_sandbox/webhooks/events')).body.events;

/** The webhook log of a sandbox in this process once `ready` holds, asked again each time the sandbox logs. */
export function loggedWhen(sandbox: Sandbox, ready: (log: LoggedEvent[]) => boolean): Promise<LoggedEvent[]> {
  return waitForAsync(async () => {
    const log = await eventsOf(sandbox);
    return ready(log) && log;
  }, (changed) => sandbox.onWebhookLog(changed), { what: 'the sandbox webhook log the test expects' });
}

/**
 * The webhook log of a sandbox in another process (`mx-iav sandbox`) once `ready` holds. No event crosses from that
 * process when it records an answer, so this one wait polls its admin route (test/architecture/no-sleeps.test.ts
 * allows it, here only); the bound turns a log that never settles into a failure.
 */
export async function remoteLogWhen(target: Target, ready: (log: LoggedEvent[]) => boolean): Promise<LoggedEvent[]> {
  const end = Date.now() + 10_000;
  for (;;) {
    const log = await eventsOf(target);
    if (ready(log)) return log;
    if (Date.now() > end) throw new Error(`The webhook log never got as the test expects: ${JSON.stringify(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
