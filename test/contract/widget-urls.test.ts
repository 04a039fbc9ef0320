import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { v25Client } from './drive-v20250224.js';
import { readExchanges, validateExchange, type Specs } from './exchange.js';
import { loadSpec, SPEC_VERSIONS } from './spec.js';

// The widget_urls operation on both versions, with what each version's WidgetRequest has (v20250224:
// data_request; v20111101: mode), held against the spec of its version like the rest of the recorded traffic.

const dir = mkdtempSync(path.join(tmpdir(), 'mx-iav-contract-widget-'));
const specs: Specs = { v20250224: loadSpec('v20250224'), v20111101: loadSpec('v20111101') };
const sandboxes: Sandbox[] = [];
afterAll(async () => {
  for (const sandbox of sandboxes) await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const HEADERS = {
  v20250224: { accept: 'application/json', 'accept-version': 'v20250224' },
  v20111101: { accept: 'application/vnd.mx.api.v1+json', 'accept-version': 'v20111101' },
};

// v20111101's WidgetRequest has no locale (Accept-Language only).
const COMMON = { widget_type: 'connect_widget', ui_message_version: 4, color_scheme: 'dark', is_mobile_webview: false };
const BODIES = {
  v20250224: [
    { widget_url: { ...COMMON, locale: 'en-US', data_request: { products: ['account_verification', 'identity_verification'] } } },
    { widget_url: { ...COMMON, data_request: { products: ['account_verification'] }, current_institution_code: 'mxbank', disable_institution_search: true } },
    { widget_url: { widget_type: 'connect_widget', is_mobile_webview: true, ui_message_webview_url_scheme: 'mxiav' } },
  ],
  v20111101: [
    { widget_url: { ...COMMON, mode: 'verification' } },
    { widget_url: { ...COMMON, mode: 'verification', current_institution_code: 'mxbank', disable_institution_search: true } },
    { widget_url: { widget_type: 'connect_widget', mode: 'aggregation', is_mobile_webview: true, ui_message_webview_url_scheme: 'mxiav' } },
  ],
};

describe('MX contract: widget_urls', () => {
  for (const version of SPEC_VERSIONS) {
    it(`answers widget_urls on ${version} as its spec says, and refuses what it cannot serve`, async () => {
      const file = path.join(dir, `widget-${version}.jsonl`);
      const sandbox = await createSandbox({ port: 0, seed: 5, jobMs: 0, recordPath: file });
      sandboxes.push(sandbox);
      const api = v25Client(sandbox, sandbox.apiKey, HEADERS[version]);
      const user = (await api('POST', '/users', { user: { id: 'partner-7' } })).body.user.guid as string;
      for (const body of BODIES[version]) {
        const answer = await api('POST', `/users/${user}/widget_urls`, body);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body.widget_url).toMatchObject({ type: 'connect_widget', user_id: 'partner-7' });
        expect(answer.body.widget_url.url).toMatch(new RegExp(`^${sandbox.url}/widget/connect/[A-Za-z0-9_-]{32}$`));
      }
      const refused = [
        { widget_url: { widget_type: 'accounts_widget' } },
        { widget_url: { widget_type: 'connect_widget', disable_institution_search: true } },
        { widget_url: { widget_type: 'connect_widget', current_member_guid: 'MBR-nobody' } },
      ];
      expect((await api('POST', `/users/${user}/widget_urls`, refused[0])).status).toBe(400);
      expect((await api('POST', `/users/${user}/widget_urls`, refused[1])).status).toBe(400);
      expect((await api('POST', `/users/${user}/widget_urls`, refused[2])).status).toBe(404);
      expect((await api('POST', '/users/USR-nobody/widget_urls', BODIES[version][0])).status).toBe(404);

      const { exchanges, unreadable } = readExchanges(file);
      expect(unreadable).toEqual([]);
      const widgetCalls = exchanges.filter((e) => e.path.endsWith('/widget_urls'));
      expect(widgetCalls.length).toBe(BODIES[version].length + 4);
      const problems = exchanges.flatMap((e) => validateExchange(e, specs).problems.map((p) => `${e.method} ${e.path} → ${e.status}: ${p}`));
      expect(problems).toEqual([]);
      const verdicts = widgetCalls.map((e) => validateExchange(e, specs));
      expect(verdicts.every((v) => v.version === version && v.operationId === 'requestWidgetURL')).toBe(true);
    });
  }
});
