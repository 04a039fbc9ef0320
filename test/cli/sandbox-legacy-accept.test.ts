import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// `mx-iav sandbox --legacy-accept`: for tools written before MX required Accept-Version (August 12, 2026).
describe('mx-iav sandbox --legacy-accept', () => {
  const root = tempDir();
  let server: ChildProcess;
  let out = '';
  let url = '';

  beforeAll(async () => {
    server = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--legacy-accept'], {
      env: { ...process.env, NO_COLOR: '1', MX_IAV_CONFIG_DIR: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk) => (out += chunk));
    const bound = Date.now() + 10_000;
    while (!/^harborview_brokerage .*\n/m.test(out) && Date.now() < bound) {
      await Promise.race([once(server.stdout!, 'data'), new Promise((resolve) => setTimeout(resolve, 500))]);
    }
    url = /^MX_BASE_URL=(.+)$/m.exec(out)?.[1] ?? '';
  });
  afterAll(async () => {
    server.kill('SIGINT');
    await once(server, 'exit');
  });

  it('says in its banner that requests without Accept-Version are served as v20111101', () => {
    expect(out).toContain('# Requests without Accept-Version: served as v20111101 when Accept is application/vnd.mx.api.v1+json (--legacy-accept, as MX before August 12, 2026).\n');
  });

  it('serves the legacy Accept alone as v20111101', async () => {
    const authorization = `Basic ${Buffer.from('mx-iav-sandbox:sandbox-not-a-secret').toString('base64')}`;
    const res = await fetch(`${url}/institutions/mxbank`, { headers: { authorization, accept: 'application/vnd.mx.api.v1+json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mx.api.v1+json');
    expect(((await res.json()) as { institution: Record<string, unknown> }).institution).toHaveProperty('supports_account_verification', true);
  });
});
