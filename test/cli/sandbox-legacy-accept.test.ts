import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';

// `mx-iav sandbox --legacy-accept`: for tools written before MX required Accept-Version (August 12, 2026).
describe('mx-iav sandbox --legacy-accept', () => {
  const root = tempDir();
  let sandbox: SandboxProcess;
  let out: string;
  let url: string;

  beforeAll(async () => {
    sandbox = await startSandboxProcess(['--legacy-accept'], root);
    out = sandbox.out;
    url = sandbox.exported.MX_BASE_URL ?? '';
  });
  afterAll(() => sandbox.stop());

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
