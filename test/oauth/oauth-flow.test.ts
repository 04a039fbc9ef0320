import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRESH_LINKS } from '../../src/flow/oauth.js';
import { runVerification, type VerifyOptions } from '../../src/flow/verify.js';
import { flowDeps, memoryStore } from '../helpers/flow-deps.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';

// The sandbox never lets a sign-in link lapse on its own, and MX documents no lifetime: a scripted MX plays a
// member that goes EXPIRED while the user is away, for a member saved by an earlier run.
const USER = 'USR-oauth-flow';
const MEMBER = 'MBR-oauth-flow';
const timing: VerifyOptions = { timeoutMs: 10_000, firstPollDelayMs: 0, pollIntervalMs: 10 };

let server: ScriptedServer;
let statuses: string[] = [];
let linksMinted = 0;
const member = (connection_status: string) => ({ guid: MEMBER, is_oauth: true, institution_code: 'mx_bank_oauth', connection_status, is_being_aggregated: false });

const base = `/users/${USER}/members/${MEMBER}`;
beforeAll(async () => {
  server = await startScriptedServer();
  server.always('GET', `/users/${USER}`, { body: { user: { guid: USER } } });
  server.always('GET', '/institutions/mx_bank_oauth', { body: { institution: { code: 'mx_bank_oauth', name: 'MX Bank (OAuth)', supports_oauth: true } } });
  server.always('GET', base, { body: { member: member('PENDING') } });
  server.always('GET', `${base}/status`, () => ({ body: { member: { ...member(statuses.shift() ?? 'PENDING'), is_authenticated: false } } }));
  server.always('GET', `${base}/oauth_window_uri`, () => {
    linksMinted += 1;
    return { body: { member: { guid: MEMBER, oauth_window_uri: `https://bank.example/authorize?state=${linksMinted}` } } };
  });
});
afterAll(() => server.close());

const savedMember = () => memoryStore({ user_guid: USER, member_guid: MEMBER, institution_code: 'mx_bank_oauth', step: 'member' });
const scriptedMx = () => ({ url: server.url, clientId: 'client', apiKey: 'key' });

describe('an OAuth member whose sign-in link lapses', () => {
  it('gets a fresh link when the member goes EXPIRED, and a Deny then ends in one sentence', async () => {
    statuses = ['PENDING', 'PENDING', 'EXPIRED', 'PENDING', 'DENIED'];
    linksMinted = 0;
    const { deps, prompter, progress } = flowDeps(scriptedMx(), [], savedMember());
    const error = await runVerification(deps, timing).catch((caught) => caught);
    expect(prompter.links).toEqual(['https://bank.example/authorize?state=1', 'https://bank.example/authorize?state=2']);
    expect(progress.events).toContainEqual({ type: 'warn', message: 'The sign-in link for MX Bank (OAuth) expired; here is a new one.' });
    expect(error.exitCode).toBe(5);
    expect(error.message).toBe('Access was denied at MX Bank (OAuth), so no account was verified.');
  });

  it('stops handing out links after a few have expired', async () => {
    statuses = ['PENDING', ...Array.from({ length: 10 }, () => ['PENDING', 'EXPIRED']).flat()];
    linksMinted = 0;
    const { deps, prompter } = flowDeps(scriptedMx(), [], savedMember());
    const error = await runVerification(deps, timing).catch((caught) => caught);
    expect(prompter.links).toHaveLength(MAX_FRESH_LINKS + 1);
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(/^The sign-in link for MX Bank \(OAuth\) expired 4 times without an answer/);
  });
});
