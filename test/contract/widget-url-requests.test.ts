import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { createMxClient } from '../../src/mx/client.js';
import type { WidgetUrlRequest } from '../../src/mx/types.js';
import { startScriptedServer, type RecordedRequest, type ScriptedServer } from '../helpers/scripted-server.js';
import { validateExchange, type Exchange, type Specs } from './exchange.js';
import { loadSpec } from './spec.js';

// The widget URL requests mx-iav's client really sends (captured on loopback), held against each version's spec
// (closed objects: a field the version lacks is a violation), with the answer MX documents.

const specs: Specs = { v20250224: loadSpec('v20250224'), v20111101: loadSpec('v20111101') };
const USER = 'USR-11111111-2222-3333-4444-555555555555';
const MEMBER = 'MBR-11111111-2222-3333-4444-555555555555';
const ANSWER = { widget_url: { type: 'connect_widget', url: 'https://int-widgets.moneydesktop.com/md/connect/abc', user_id: 'u-1' } };

const REQUESTS: Record<string, WidgetUrlRequest> = {
  plain: {},
  institution: { institutionCode: 'mxbank', colorScheme: 'dark', locale: 'fr-CA' },
  member: { memberGuid: MEMBER, institutionCode: 'mxbank', colorScheme: 'light' },
  owner: { owner: true, locale: 'es' },
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
  server.always('POST', `/users/${USER}/widget_urls`, { body: ANSWER });
});
afterAll(async () => server.close());

async function send(version: ApiVersion, request: WidgetUrlRequest): Promise<{ sent: RecordedRequest; url: string }> {
  const client = createMxClient({ baseUrl: server.url, clientId: 'id', apiKey: 'key', apiVersion: version, retry: { limit: 0 } });
  try {
    const before = server.requests.length;
    const { url } = await client.createWidgetUrl(USER, request);
    return { sent: server.requests[before]!, url };
  } finally {
    client.close();
  }
}

function exchangeOf(version: ApiVersion, sent: RecordedRequest, requestBody: unknown = sent.json): Exchange {
  const headers = Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [k, String(v)]));
  return {
    source: `widget-${version}`,
    apiVersion: version,
    method: sent.method,
    path: sent.path,
    query: [...sent.query.entries()],
    requestHeaders: headers,
    requestContentType: headers['content-type'],
    requestBody,
    status: 200,
    responseContentType: specs[version].mediaType,
    responseBody: ANSWER,
    fault: undefined,
  };
}

const widgetUrl = (body: unknown) => (body as { widget_url: Record<string, unknown> }).widget_url;

describe.each(['v20250224', 'v20111101'] as const)('requestWidgetURL on %s', (version) => {
  it.each(Object.entries(REQUESTS))('the %s request validates against the spec', async (_name, request) => {
    const { sent, url } = await send(version, request);
    const verdict = validateExchange(exchangeOf(version, sent), specs);
    expect(verdict.operationId).toBe('requestWidgetURL');
    expect(verdict.problems).toEqual([]);
    expect(url).toBe(ANSWER.widget_url.url);
    expect(sent.headers['accept-language']).toBe(request.locale);
  });

  it('asks for a Connect widget that verifies, in the version\'s words', async () => {
    const body = widgetUrl((await send(version, { owner: true })).sent.json);
    expect(body.widget_type).toBe('connect_widget');
    expect(body.ui_message_version).toBe(4);
    if (version === 'v20250224') {
      expect(body.data_request).toEqual({ products: ['account_verification', 'identity_verification'] });
      expect(body.mode).toBeUndefined();
    } else {
      expect(body.mode).toBe('verification');
      expect(body.include_identity).toBe(true);
      expect(body.data_request).toBeUndefined();
    }
  });

  it('opens on a member rather than its institution, with search off', async () => {
    const body = widgetUrl((await send(version, REQUESTS.member!)).sent.json);
    expect(body).toMatchObject({ current_member_guid: MEMBER, disable_institution_search: true, color_scheme: 'light' });
    expect(body.current_institution_code).toBeUndefined();
  });
});

describe('the contract check itself', () => {
  it('rejects a v20250224 body sent as v20111101 (data_request and locale are not in that spec)', async () => {
    const { sent } = await send('v20250224', REQUESTS.institution!);
    const verdict = validateExchange(exchangeOf('v20111101', sent, sent.json), specs);
    expect(verdict.problems.join('\n')).toMatch(/request does not match the v20111101 spec/);
  });

  it('rejects a colour scheme neither spec offers', async () => {
    const { sent } = await send('v20250224', {});
    const body = { widget_url: { ...widgetUrl(sent.json), color_scheme: 'sepia' } };
    const verdict = validateExchange(exchangeOf('v20250224', sent, body), specs);
    expect(verdict.problems.join('\n')).toMatch(/color_scheme|enum|allowed values/);
  });
});
