import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { KEYS, startPty } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startTlsRelay, type TlsRelay } from '../helpers/tls-relay.js';

// The sandbox's MFA test answer is shown at the prompt, where a developer needs it, on the mx-iav sandbox only: the
// same questions from a base URL that is not this sandbox (here the sandbox behind TLS, as MX would be) get no hint.

const dir = tempDir('mx-iav-trust-b-answers-');
const HINT = 'sandbox: the answer is "correct"';
const credentials = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser' };
let sandbox: Sandbox;
let relay: TlsRelay;
let runs = 0;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  relay = await startTlsRelay(sandbox.url, dir, '0.0.0.0');
});
afterAll(async () => {
  relay?.close();
  await sandbox?.close();
});

async function answerChallenge(password: string, env: Record<string, string>) {
  const session = startPty(['verify', '--institution', 'mxbank'], join(dir, `c${(runs += 1)}`), { ...credentials, MX_IAV_CREDENTIAL_PASSWORD: password, ...env });
  await session.waitFor(/What city were you born in\?|Select "correct"/);
  const shown = session.screen();
  session.type(password === 'options' ? KEYS.enter : `correct${KEYS.enter}`);
  await session.waitFor('Please select an account');
  const selection = session.mark();
  session.type(KEYS.enter);
  expect(await session.exited()).toBe(0);
  return { atQuestion: shown, afterSelection: session.screen().slice(selection) };
}

describe('the sandbox test answer at the prompt', () => {
  it.each(['challenge', 'options'])('is shown at a %s question on the built-in sandbox', async (password) => {
    const { atQuestion } = await answerChallenge(password, {});
    expect(atQuestion).toContain(HINT);
  });

  it('is shown on `mx-iav sandbox` at a loopback base URL, and not at the account choice', async () => {
    const { atQuestion, afterSelection } = await answerChallenge('challenge', { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey });
    expect(atQuestion.split(HINT)).toHaveLength(2);
    expect(afterSelection).not.toContain(HINT);
  });

  it('is never shown for a base URL that is not the sandbox', async () => {
    const env = { MX_BASE_URL: relay.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, NODE_EXTRA_CA_CERTS: relay.certPath };
    const { atQuestion } = await answerChallenge('challenge', env);
    expect(atQuestion).toContain('What city were you born in?');
    expect(atQuestion).not.toContain('sandbox:');
  });
});
