import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { driveErrors, driveOAuth, driveRunningJobs, driveUsersAndPaging, driveVerifications } from './drive-scenarios.js';
import { driveErrorsV25, driveOAuthV25, driveRunningJobsV25, driveUsersAndMembersV25, driveVerificationsV25, v25Client } from './drive-v20250224.js';
import { jsonlFilesIn, readExchanges, validateExchange, type Specs, type Verdict } from './exchange.js';
import { loadSpec, SPEC_VERSIONS } from './spec.js';

// (a) drive every sandbox scenario through the client while the sandbox records, then (b) hold every recorded
// exchange, ours and the rest of the suite's (MX_IAV_CONTRACT_RECORD_DIR), against MX's OpenAPI file.

/** Operations the IAV flow depends on; each must appear in the traffic at least once. */
const IAV_OPERATIONS = [
  'createUser', 'listUsers', 'readUser', 'updateUser', 'deleteUser',
  'listInstitutions', 'readInstitution', 'listInstitutionCredentials',
  'createMember', 'readMember', 'listMembers', 'updateMember', 'deleteMember',
  'verifyMember', 'readMemberStatus', 'listMemberChallenges', 'resumeAggregation', 'requestOAuthWindowURI',
  'listAccountNumbersByMember', 'listAccountNumbersByAccount', 'listMemberAccounts',
];

const dir = mkdtempSync(path.join(tmpdir(), 'mx-iav-contract-'));
const sandboxes: Sandbox[] = [];
const clients: MxClient[] = [];
/** mx-iav's own client, speaking one API version. */
function mxClient(sandbox: Sandbox, apiKey: string, apiVersion: ApiVersion, retryLimit = 0): MxClient {
  const retry = { limit: retryLimit, baseDelayMs: 1, maxDelayMs: 10 };
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey, apiVersion, retry });
  clients.push(client);
  return client;
}

async function startRecording(name: string, options: SandboxOptions, apiVersion: ApiVersion, retryLimit = 0): Promise<{ sandbox: Sandbox; client: MxClient }> {
  const sandbox = await createSandbox({ port: 0, seed: 11, ...options, recordPath: path.join(dir, `${name}.jsonl`) });
  sandboxes.push(sandbox);
  return { sandbox, client: mxClient(sandbox, sandbox.apiKey, apiVersion, retryLimit) };
}

const specs: Specs = { v20250224: loadSpec('v20250224'), v20111101: loadSpec('v20111101') };

beforeAll(() => {
  for (const version of SPEC_VERSIONS) expect(specs[version].operations.length).toBeGreaterThan(100);
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const sandbox of sandboxes) await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MX contract', () => {
  it('(a) drives every sandbox scenario on v20250224 through the client', async () => {
    const { sandbox, client } = await startRecording('client-v20250224', { jobMs: 0 }, 'v20250224');
    await driveVerifications(client);
    await driveUsersAndPaging(client);
    await driveErrors(client, mxClient(sandbox, 'not-the-key', 'v20250224'));
  });

  // By raw HTTP, for what mx-iav's client never sends: partner ids in paths, a create without data_request,
  // refusals for a missing or legacy-only version.
  it('(a) drives every sandbox scenario on v20250224 by raw HTTP', async () => {
    const { sandbox } = await startRecording('scenarios-v20250224', { jobMs: 0 }, 'v20250224');
    const api = v25Client(sandbox, sandbox.apiKey);
    await driveVerificationsV25(api);
    await driveOAuthV25(api, sandbox.url);
    await driveUsersAndMembersV25(api);
    await driveErrorsV25(api, v25Client(sandbox, 'not-the-key'), v25Client(sandbox, sandbox.apiKey, { accept: 'application/vnd.mx.api.v1+json' }));
    const slow = await startRecording('running-jobs-v20250224', { jobMs: 60_000 }, 'v20250224');
    await driveRunningJobsV25(v25Client(slow.sandbox, slow.sandbox.apiKey));
  });

  it('(a) drives every sandbox scenario on v20111101 through the client', async () => {
    const { sandbox, client } = await startRecording('scenarios', { jobMs: 0 }, 'v20111101');
    const wrongKey = mxClient(sandbox, 'not-the-key', 'v20111101');
    await driveVerifications(client);
    await driveOAuth(client, sandbox.url);
    await driveUsersAndPaging(client);
    await driveErrors(client, wrongKey);
    const slow = await startRecording('running-jobs', { jobMs: 60_000 }, 'v20111101');
    await driveRunningJobs(slow.client);
    // Injected 429/5xx must still look like MX's (envelope, Retry-After); the client retries through them.
    const faulty = await startRecording('faults', { jobMs: 0, failRate: 0.3, throttleRate: 0.2, resetRate: 0.1 }, 'v20111101', 8);
    await driveVerifications(faulty.client, 3);
  });

  it('(b) every recorded exchange matches the spec of its version or an allow-listed exception', () => {
    const files = [...jsonlFilesIn(dir), ...jsonlFilesIn(process.env.MX_IAV_CONTRACT_RECORD_DIR)];
    const verdicts: Verdict[] = [];
    const violations: string[] = [];
    for (const file of files) {
      const { exchanges, unreadable } = readExchanges(file);
      violations.push(...unreadable);
      for (const exchange of exchanges) {
        const verdict = validateExchange(exchange, specs);
        verdicts.push(verdict);
        for (const problem of verdict.problems) violations.push(`${exchange.source} ${exchange.method} ${exchange.path} → ${exchange.status}: ${problem}`);
      }
    }
    const count = (version: Verdict['version']) => verdicts.filter((v) => v.version === version).length;
    const allowed = new Map<string, number>();
    for (const v of verdicts) if (v.allowance) allowed.set(v.allowance, (allowed.get(v.allowance) ?? 0) + 1);
    const perVersion = SPEC_VERSIONS.map((version) => `${version} ${count(version)}`).join(', ');
    console.log(
      `contract: ${verdicts.length} exchanges validated (${perVersion}, refused for their version ${count('refused')}, ` +
        `outside MX's API ${count(undefined)}), ${violations.length} violations (${files.length} files; allowed: ${JSON.stringify(Object.fromEntries(allowed))})`,
    );
    for (const violation of violations) console.log(`  violation: ${violation}`);

    expect(violations).toEqual([]);
    for (const version of SPEC_VERSIONS) {
      const seen = new Set(verdicts.filter((v) => v.version === version && v.exchange.status < 300).map((v) => v.operationId));
      expect(IAV_OPERATIONS.filter((op) => !seen.has(op)), `IAV operations never answered successfully on ${version}`).toEqual([]);
    }
  });
});
