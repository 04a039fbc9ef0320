import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { jsonlFilesIn, readExchanges, validateExchange, type Exchange, type Specs } from './exchange.js';
import { loadSpec, SPEC_VERSIONS } from './spec.js';

// Every micro-deposit operation, sent by mx-iav's client and answered by the sandbox, held against the spec of its
// version (requests and responses), with MX's sample object in place of the spec's array (micro-deposit-allowance.ts).

const OPERATIONS = ['createMicrodeposit', 'listUserMicrodeposits', 'readUserMicrodeposit', 'deleteMicrodeposit', 'verifyMicrodeposit', 'listUserVerifications'];
const dir = mkdtempSync(path.join(tmpdir(), 'mx-iav-contract-md-'));
const sandboxes: Sandbox[] = [];
const clients: MxClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  for (const sandbox of sandboxes) await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});
const specs: Specs = { v20250224: loadSpec('v20250224'), v20111101: loadSpec('v20111101') };

async function drive(apiVersion: ApiVersion): Promise<void> {
  const sandbox = await createSandbox({ port: 0, seed: 5, microDepositDelayMs: 0, recordPath: path.join(dir, `${apiVersion}.jsonl`) });
  sandboxes.push(sandbox);
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, apiVersion, retry: { limit: 0 } });
  clients.push(client);
  const user = await client.createUser({});
  const account = { account_number: '333312345', routing_number: '091000019', account_type: 'CHECKING' };
  const made = await client.createMicroDeposit(user.guid, { ...account, account_name: 'Checking', email: 'jo@example.com', first_name: 'Jo', last_name: 'Doe' });
  await client.readMicroDeposit(user.guid, made.guid);
  await client.verifyMicroDeposit(made.guid, { deposit_amount_1: 0.01, deposit_amount_2: 0.02 });
  await client.verifyMicroDeposit(made.guid, { deposit_amount_1: 0.12, deposit_amount_2: 0.15 });
  await client.createMicroDeposit(user.guid, account); // CONFLICTED
  await client.createMicroDeposit(user.guid, { ...account, routing_number: '222222226' }); // REJECTED
  const pre = await client.createMicroDeposit(user.guid, { email: 'jo@example.com', first_name: 'Jo', last_name: 'Doe' });
  await client.listMicroDeposits(user.guid);
  await client.listAccountVerifications(user.guid);
  await client.deleteMicroDeposit(user.guid, pre.guid);
  await expect(client.readMicroDeposit(user.guid, pre.guid)).rejects.toThrow(/404/);
}

const problemsOf = (exchange: Exchange) => validateExchange(exchange, specs).problems;

describe('micro-deposit contract', () => {
  it('every micro-deposit exchange of both versions matches its spec (or the sample-object allowance)', async () => {
    for (const version of SPEC_VERSIONS) await drive(version);
    const seen = new Map<string, Set<string>>(SPEC_VERSIONS.map((v) => [v, new Set<string>()]));
    const violations: string[] = [];
    let count = 0;
    for (const file of jsonlFilesIn(dir)) {
      const { exchanges, unreadable } = readExchanges(file);
      violations.push(...unreadable);
      for (const exchange of exchanges) {
        const verdict = validateExchange(exchange, specs);
        count += 1;
        for (const problem of verdict.problems) violations.push(`${exchange.source} ${exchange.method} ${exchange.path} → ${exchange.status}: ${problem}`);
        if (verdict.version && verdict.version !== 'refused' && verdict.operationId && exchange.status < 300) seen.get(verdict.version)?.add(verdict.operationId);
      }
    }
    console.log(`micro-deposit contract: ${count} exchanges, ${violations.length} violations`);
    expect(violations).toEqual([]);
    for (const version of SPEC_VERSIONS) expect(OPERATIONS.filter((op) => !seen.get(version)?.has(op)), version).toEqual([]);
  });

  it('the allowance still fails a micro-deposit the schemas do not describe', () => {
    const base: Exchange = {
      source: 'hand', apiVersion: 'v20250224', method: 'GET', path: '/users/USR-1/micro_deposits/MIC-1', query: [],
      requestHeaders: { accept: 'application/json', 'accept-version': 'v20250224' }, requestContentType: undefined, requestBody: null,
      status: 200, responseContentType: 'application/json', responseBody: null, fault: undefined,
    };
    const good = { guid: 'MIC-1', status: 'REQUESTED', error_message: null, updated_at: 'x', verified_at: null, account_number: '3333', account_type: 'CHECKING', routing_number: '091000019' };
    expect(problemsOf({ ...base, responseBody: { micro_deposit: good } })).toEqual([]);
    expect(problemsOf({ ...base, responseBody: { micro_deposit: { ...good, secret: 1 } } })).not.toEqual([]);
    expect(problemsOf({ ...base, responseBody: { micro_deposit: { ...good, account_type: 'BOAT' } } })).not.toEqual([]);
    expect(problemsOf({ ...base, responseBody: { micro_deposits: [good] } })).not.toEqual([]);
    const pre = { ...base, method: 'POST', path: '/users/USR-1/micro_deposits', requestContentType: 'application/json', responseBody: { micro_deposit: { guid: 'MIC-2', status: 'PREINITIATED', error_message: null, updated_at: 'x', verified_at: null, email: 'a@b.c' } } };
    expect(problemsOf({ ...pre, requestBody: { micro_deposit: { email: 'a@b.c', first_name: 'A', last_name: 'B' } } })).toEqual([]);
    expect(problemsOf({ ...pre, requestBody: { micro_deposit: { email: 'a@b.c', first_name: 'A' } } })).not.toEqual([]);
  });
});
