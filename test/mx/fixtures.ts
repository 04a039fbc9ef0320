import { createMxClient, type MxClient, type MxClientOptions } from '../../src/mx/client.js';
import type { ScriptedServer } from '../helpers/scripted-server.js';

export const USER_GUID = 'USR-11141024-90b3-1bce-cac9-c06ced52ab4c';
export const MEMBER_GUID = 'MBR-3bdc7d6b-efd4-1497-a0af-b23501cf9bd0';
export const API_KEY = 'sk-test-5ecret-api-key-0123456789';
export const CLIENT_ID = 'client-abc';

export const user = (id: string | null = 'partner-1', guid = USER_GUID) => ({
  user: { guid, id, email: null, is_disabled: false, metadata: null },
});

export const member = (overrides: Record<string, unknown> = {}) => ({
  member: {
    guid: MEMBER_GUID,
    id: 'mx-iav-member',
    user_guid: USER_GUID,
    institution_code: 'mxbank',
    name: 'MX Bank',
    metadata: null,
    connection_status: 'CREATED',
    is_being_aggregated: true,
    is_oauth: false,
    aggregated_at: null,
    successfully_aggregated_at: null,
    ...overrides,
  },
});

export const status = (connection_status: string, is_being_aggregated: boolean, challenges?: unknown[]) => ({
  member: {
    guid: MEMBER_GUID,
    connection_status,
    is_authenticated: false,
    is_being_aggregated,
    aggregated_at: null,
    successfully_aggregated_at: null,
    ...(challenges ? { challenges } : {}),
  },
});

export const page = (key: string, items: unknown[], current = 1, totalPages = 1) => ({
  [key]: items,
  pagination: { current_page: current, per_page: 25, total_entries: items.length, total_pages: totalPages },
});

export const mxError = (message: string) => ({ error: { message } });

/** A client on the scripted server with tiny backoff so retry tests take milliseconds. */
export function clientFor(server: ScriptedServer, options: Partial<MxClientOptions> = {}): MxClient {
  return createMxClient({
    baseUrl: server.url,
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 1, maxDelayMs: 20 },
    ...options,
  });
}

/** A scripted reply carrying this JSON body. */
export const reply = (body: unknown, status = 200) => ({ status, body });

/** The routes the client tests register replies on. */
export const ROUTES = {
  users: '/users',
  user: `/users/${USER_GUID}`,
  members: `/users/${USER_GUID}/members`,
  member: `/users/${USER_GUID}/members/${MEMBER_GUID}`,
  status: `/users/${USER_GUID}/members/${MEMBER_GUID}/status`,
  verify: `/users/${USER_GUID}/members/${MEMBER_GUID}/verify`,
  resume: `/users/${USER_GUID}/members/${MEMBER_GUID}/resume`,
} as const;
