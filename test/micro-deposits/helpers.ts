import { afterAll } from 'vitest';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

/** A sandbox whose deposits arrive `delayMs` after the create, closed after the file's tests, with the CLI's env. */
export async function microDepositSandbox(delayMs = 300): Promise<{ sandbox: Sandbox; env: Record<string, string>; client: MxClient }> {
  const sandbox = await createSandbox({ port: 0, jobMs: 0, microDepositDelayMs: delayMs });
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey });
  afterAll(async () => {
    client.close();
    await sandbox.close();
  });
  return { sandbox, client, env: { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey } };
}

let serial = 0;
/** A valid sandbox account number not used by another test of this run (a reused one would be CONFLICTED). */
export const freshAccount = () => `3333${process.pid}${(serial += 1)}`.slice(0, 17);

export const ROUTING = '091000019';
export const RIGHT = ['--deposit-amount', '0.12', '--deposit-amount', '0.15'];
export const WRONG = ['--deposit-amount', '0.10', '--deposit-amount', '0.20'];
