import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.js';
import { runVerification, type VerifyOptions } from '../../src/flow/verify.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { flowDeps, memoryStore, type Question } from '../helpers/flow-deps.js';

const timing: VerifyOptions = { timeoutMs: 10_000, firstPollDelayMs: 0, pollIntervalMs: 10 };
const login = (password: string, LOGIN = 'mxuser'): Question => ({ kind: 'credentials', answer: { LOGIN, PASSWORD: password } });
const pickAccount: Question = { kind: 'challenge', label: 'Please select an account:', answer: 'first' };

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 11 })));
afterAll(() => sandbox.close());

describe('the verification flow against the sandbox', () => {
  it('follows the guide: user, institution, credentials, member, verify, account selection, numbers', async () => {
    const { deps, store, progress, prompter } = flowDeps(sandbox, [{ kind: 'institution', answer: 'mxbank' }, login('password'), pickAccount]);
    const result = await runVerification(deps, timing);
    expect(result.connection_status).toBe('CONNECTED');
    expect(result.account_numbers).toHaveLength(1);
    expect(result.accounts.length).toBeGreaterThan(1);
    expect(store.state).toMatchObject({ user_guid: result.user_guid, member_guid: result.member_guid, institution_code: 'mxbank', step: 'done' });
    expect(store.state.history?.map((entry) => entry.status)).toContain('CHALLENGED');
    expect(prompter.asked).toEqual(['institution: ', 'credentials: LOGIN,PASSWORD', 'challenge: Please select an account:']);
    expect(progress.events.some((event) => event.type === 'startWaiting')).toBe(true);
  });

  it('answers an MFA challenge before the account selection', async () => {
    const { deps } = flowDeps(sandbox, [login('challenge'), { kind: 'challenge', label: 'What city were you born in?', answer: 'correct' }, pickAccount]);
    const result = await runVerification(deps, { ...timing, institutionCode: 'mxbank' });
    expect(result.account_numbers).toHaveLength(1);
  });

  it('ends DENIED with a VerificationError and remembers the failure', async () => {
    const store = memoryStore();
    const { deps } = flowDeps(sandbox, [login('INVALID')], store);
    const error = await runVerification(deps, { ...timing, institutionCode: 'mxbank' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(VerificationError);
    expect(error.status).toBe('DENIED');
    expect(store.state.step).toBe('failed');
    expect(store.state.member_guid).toMatch(/^MBR-/);
  });

  it('asks for the credentials again after DENIED and then verifies the same member', async () => {
    const store = memoryStore();
    await runVerification(flowDeps(sandbox, [login('INVALID')], store).deps, { ...timing, institutionCode: 'mxbank' }).catch(() => {});
    const member = store.state.member_guid;
    const result = await runVerification(flowDeps(sandbox, [login('password'), pickAccount], store).deps, timing);
    expect(result.member_guid).toBe(member);
  });

  it('skips every saved step on a second run and reports the same numbers without a new verification', async () => {
    const store = memoryStore();
    const first = await runVerification(flowDeps(sandbox, [login('password'), pickAccount], store).deps, { ...timing, institutionCode: 'mxbank' });
    const { deps, prompter } = flowDeps(sandbox, [], store);
    const second = await runVerification(deps, timing);
    expect(prompter.asked).toEqual([]);
    expect(second.account_numbers).toEqual(first.account_numbers);
  });

  it('forgets a saved member that MX no longer knows and starts a new one', async () => {
    const store = memoryStore();
    const first = await runVerification(flowDeps(sandbox, [login('password'), pickAccount], store).deps, { ...timing, institutionCode: 'mxbank' });
    await flowDeps(sandbox, []).client.deleteMember(first.user_guid, first.member_guid);
    const { deps, progress } = flowDeps(sandbox, [login('password'), pickAccount], store);
    const second = await runVerification(deps, { ...timing, institutionCode: 'mxbank' });
    expect(second.member_guid).not.toBe(first.member_guid);
    expect(progress.events).toContainEqual({ type: 'warn', message: expect.stringContaining(first.member_guid) });
  });

  it('says plainly when the login has no eligible account', async () => {
    const { deps } = flowDeps(sandbox, [login('password', 'mxuser_no_dda')]);
    const error = await runVerification(deps, { ...timing, institutionCode: 'mxbank' }).catch((caught) => caught);
    expect(error.code).toBe('no_eligible_accounts');
  });

  it('times out with exit 7 while the job is still running', async () => {
    const slow = await createSandbox({ port: 0, jobMs: 60_000 });
    try {
      const { deps, store } = flowDeps(slow, [login('password')]);
      const error = await runVerification(deps, { ...timing, institutionCode: 'mxbank', timeoutMs: 100 }).catch((caught) => caught);
      expect(error.exitCode).toBe(7);
      expect(store.state.member_guid).toMatch(/^MBR-/);
    } finally {
      await slow.close();
    }
  });
});
