import { afterAll } from 'vitest';
import { type ApiVersion, VERSION_HEADERS } from '../../src/domain/api-versions.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export const MX_ACCEPT = 'application/vnd.mx.api.v1+json';
/** The headers that choose a version, as MX documents them (`Accept` and `Accept-Version`). */
export const versionHeaders = (version: ApiVersion): Record<string, string> => ({
  accept: VERSION_HEADERS[version].accept,
  'accept-version': VERSION_HEADERS[version].acceptVersion,
});
export const LOGIN = 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1';
export const PASSWORD = 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d';

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever shape the sandbox sent
  body: any;
  text: string;
}

export function basic(clientId: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`;
}

/** A started sandbox, closed after the file's tests. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await createSandbox({ port: 0, jobMs: 0, ...options });
  afterAll(() => sandbox.close());
  return sandbox;
}

/** A tiny MX client: Basic auth, one version's headers and JSON bodies, answering status + parsed body. */
export function mx(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'apiKey'>, version: ApiVersion = 'v20111101') {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: {
        authorization: basic(sandbox.clientId, sandbox.apiKey),
        ...versionHeaders(version),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? null : (JSON.parse(text) as unknown), text };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    del: (path: string) => call('DELETE', path),
  };
}

export type Mx = ReturnType<typeof mx>;

export async function createUser(api: Mx, user: Record<string, unknown> = { id: `partner-${Math.random()}` }): Promise<string> {
  const res = await api.post('/users', { user });
  if (res.status !== 200) throw new Error(`create user: ${res.status} ${res.text}`);
  return res.body.user.guid as string;
}

/** Creates an MX Bank member the way the IAV guide does (skip_aggregation, then verify). */
export async function createMxBankMember(api: Mx, userGuid: string, username: string, password: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api.post(`/users/${userGuid}/members`, {
    member: {
      institution_code: 'mxbank',
      credentials: [
        { guid: LOGIN, value: username },
        { guid: PASSWORD, value: password },
      ],
      skip_aggregation: true,
      ...extra,
    },
  });
  if (res.status !== 200 && res.status !== 202) throw new Error(`create member: ${res.status} ${res.text}`);
  return res.body.member.guid as string;
}

export async function status(api: Mx, userGuid: string, memberGuid: string) {
  const res = await api.get(`/users/${userGuid}/members/${memberGuid}/status`);
  if (res.status !== 200) throw new Error(`status: ${res.status} ${res.text}`);
  return res.body.member;
}

/**
 * Reads the status until the member stops: CHALLENGED, or any status with is_being_aggregated false. With jobMs 0
 * each read brings the job to its next stop; a sandbox with longer steps is moved on by `advance` between reads
 * (its clock, not the test's time).
 */
export async function settle(api: Mx, userGuid: string, memberGuid: string, advance: () => void = () => {}) {
  for (let read = 0; ; read += 1) {
    const s = await status(api, userGuid, memberGuid);
    if (s.connection_status === 'CHALLENGED' || s.is_being_aggregated === false) return s;
    if (read > 50) throw new Error(`member still ${s.connection_status} after ${read} reads (is the sandbox's jobMs 0, or advanced?)`);
    advance();
  }
}
