// The sandbox's admin surface (issue 17's shared contract): routes under /_sandbox, outside MX's paths, with the
// sandbox's own Basic auth, JSON in and out and MX's error envelope. Real MX has none of them, so an answer without
// the expected shape means the base URL is not an mx-iav sandbox, said as such. The sandbox's words are passed on
// as they came: render-error strips control sequences from every message before a terminal sees it.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { got, RequestError, type Got } from 'got';
import { CliError, ConfigError, EXIT, UsageError } from '../errors.js';
import { hint, step } from '../next-step.js';

export interface SandboxClock {
  now: string;
  offset_ms: number;
}

export interface WebhookAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface WebhookEvent {
  id: string;
  type: string;
  action: string | null;
  user_guid: string | null;
  member_guid: string | null;
  created_at: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  payload: Record<string, unknown>;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  type: string | null;
}

export interface SandboxAdminOptions {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  timeoutMs?: number;
}

type Body = Record<string, unknown>;

const ID = /^[A-Za-z]{2,4}-[A-Za-z0-9-]{1,80}$/;

/** A guid or id, checked before it becomes a path segment. */
function idSegment(what: string, value: string): string {
  if (!ID.test(value)) throw new UsageError(`"${value.slice(0, 40)}" is not ${what}.`);
  return encodeURIComponent(value);
}

export function createSandboxAdmin(options: SandboxAdminOptions) {
  const base = options.baseUrl.replace(/\/*$/, '/');
  const instance: Got = got.extend({
    prefixUrl: base,
    headers: { authorization: `Basic ${Buffer.from(`${options.clientId}:${options.apiKey}`).toString('base64')}`, accept: 'application/json', 'user-agent': 'mx-iav' },
    timeout: { request: options.timeoutMs ?? 10_000 },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
    // Its own agents, without keep-alive: a socket left in Node's shared global agent outlives the command and would
    // be handed to the next run in the same process (tests run many), even once that server has gone.
    agent: { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) },
  });
  const shown = base.replace(/\/$/, '');
  /** `missing` names what the path addresses ("member MBR-..."), for the sentence when the sandbox has none. */
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, json?: Body, missing?: string): Promise<Body> => {
    let answer;
    try {
      answer = await instance(path, { method, ...(json && { json }) });
    } catch (error) {
      const code = error instanceof RequestError ? error.code : 'EUNKNOWN';
      throw new CliError(`Nothing answered at ${shown} (${code}), so no sandbox is running there.`, {
        exitCode: EXIT.api,
        code: 'network',
        hint: hint`Start one with: ${step('sandbox')} (and export the lines it prints)`,
      });
    }
    if (answer.statusCode === 404 && missing && answer.body.includes('"error"')) {
      throw new CliError(`The sandbox refused it: it has no ${missing}.`, { exitCode: EXIT.usage, code: 'not_found' });
    }
    return interpret(shown, method, path, answer.statusCode, answer.body);
  };
  return {
    url: shown,
    clock: async () => clockOf(shown, await call('GET', '_sandbox/clock')),
    advance: async (ms: number) => clockOf(shown, await call('POST', '_sandbox/clock/advance', { ms })),
    addEndpoint: async (url: string, type: string | null = null) =>
      (await call('POST', '_sandbox/webhooks/endpoints', { url, type, bearer_token: null })).endpoint as WebhookEndpoint,
    removeEndpoint: async (id: string) =>
      void (await call('DELETE', `_sandbox/webhooks/endpoints/${idSegment('an endpoint id (WHE-...)', id)}`, undefined, `endpoint ${id}`)),
    events: async () => ((await call('GET', '_sandbox/webhooks/events')).events ?? []) as WebhookEvent[],
    resend: async (id: string) =>
      (await call('POST', `_sandbox/webhooks/events/${idSegment('an event id (WHK-...)', id)}/resend`, undefined, `event ${id}`)).event as WebhookEvent,
    fire: async (memberGuid: string, type: string, action?: string) =>
      (await call('POST', `_sandbox/members/${idSegment('a member guid (MBR-...)', memberGuid)}/webhooks`, { type, ...(action && { action }) }, `member ${memberGuid}`))
        .event as WebhookEvent,
    forceStatus: async (memberGuid: string, status: string, challengeType?: string) =>
      (await call('POST', `_sandbox/members/${idSegment('a member guid (MBR-...)', memberGuid)}/status`, {
        connection_status: status,
        ...(challengeType && { challenge_type: challengeType }),
      }, `member ${memberGuid}`)).member as Body,
  };
}

export type SandboxAdmin = ReturnType<typeof createSandboxAdmin>;

function notASandbox(shown: string, detail: string): ConfigError {
  return new ConfigError(
    `${shown} is not an mx-iav sandbox with webhooks (${detail}), so it has no test clock or webhook log.`,
    hint`Point --base-url (or MX_BASE_URL) at a running \`${step('sandbox')}\`.`,
  );
}

function interpret(shown: string, method: string, path: string, status: number, text: string): Body {
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw notASandbox(shown, `${method} /${path} answered ${status} without JSON`);
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Body;
  if (status >= 200 && status < 300) return record;
  const message = (record.error as { message?: unknown } | undefined)?.message;
  if (status === 401 || status === 403) {
    throw new ConfigError(`The sandbox at ${shown} refused the client id and API key (${status}).`, hint`Use the MX_CLIENT_ID and MX_API_KEY lines \`${step('sandbox')}\` printed.`);
  }
  if (typeof message !== 'string' || path === '_sandbox/clock') throw notASandbox(shown, `${method} /${path} answered ${status}`);
  if (status === 400 || status === 404) throw new UsageError(`The sandbox refused it: ${message}`);
  throw new CliError(`The sandbox answered ${status} to ${method} /${path}: ${message}`, { exitCode: EXIT.api, code: 'api' });
}

function clockOf(shown: string, body: Body): SandboxClock {
  const clock = body.clock as Partial<SandboxClock> | undefined;
  if (typeof clock?.now !== 'string' || typeof clock.offset_ms !== 'number') throw notASandbox(shown, 'its clock answer has no "now"');
  return { now: clock.now, offset_ms: clock.offset_ms };
}
