import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.js';
import { runPaymentChecks, type PaymentAsk } from '../../src/flow/payment-check.js';
import { runVerification, type VerifyOptions } from '../../src/flow/verify.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { flowDeps, type Question } from '../helpers/flow-deps.js';

// The payment check flow on the real client against the sandbox: identification and the balance check followed
// through the poll/challenge loop, and the v20250224 create that already identified the member.

const timing: VerifyOptions = { timeoutMs: 10_000, firstPollDelayMs: 0, pollIntervalMs: 10 };
const login = (LOGIN: string, PASSWORD = 'correct'): Question => ({ kind: 'credentials', answer: { LOGIN, PASSWORD } });
const textChallenge: Question = { kind: 'challenge', label: 'What city were you born in?', answer: 'correct' };

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 21 })));
afterAll(() => sandbox.close());

const paths = (from: number, method: string, ending: string) =>
  sandbox.requests().slice(from).filter((request) => request.method === method && request.path.endsWith(ending));

async function verifiedThenChecked(script: Question[], ask: PaymentAsk, version?: 'v20111101') {
  const { deps, store, prompter, progress } = flowDeps(sandbox, script, undefined, version);
  const result = await runVerification(deps, { ...timing, institutionCode: 'mxbank', identify: ask.owner });
  const from = sandbox.requests().length;
  const target = { userGuid: result.user_guid, memberGuid: result.member_guid, institutionName: 'MX Bank' };
  const identified = result.identified_at_create ? { identifiedAtCreate: true } : {};
  const outcome = runPaymentChecks(deps, target, { ...ask, ...identified }, timing, { numbers: result.account_numbers, accounts: result.accounts });
  return { outcome, from, store, prompter, progress, result };
}

describe('payment checks in the flow', () => {
  it('v20250224: the create carried identity_verification, so the owners are read without a second identify', async () => {
    const run = await verifiedThenChecked([login('mxuser_one_account')], { owner: true, balance: false });
    expect(run.result.identified_at_create).toBe(true);
    const { checks } = await run.outcome;
    expect(checks.map((check) => check.owners?.map((owner) => owner.owner_name))).toEqual([['Josh Smith']]);
    expect(paths(run.from, 'POST', '/identify')).toEqual([]);
    expect(run.store.state.step).toBe('done');
  });

  it('v20111101: identify and check_balance are jobs of their own, each challenged again and answered', async () => {
    const script = [login('mxuser_one_account', 'challenge'), textChallenge, textChallenge, textChallenge];
    const run = await verifiedThenChecked(script, { owner: true, balance: true }, 'v20111101');
    const { checks } = await run.outcome;
    expect(run.prompter.asked.filter((question) => question.startsWith('challenge'))).toHaveLength(3);
    expect(paths(run.from, 'POST', '/identify')).toHaveLength(1);
    expect(paths(run.from, 'POST', '/check_balance')).toHaveLength(1);
    expect(checks[0]?.account?.available_balance).toBe(980.15);
    expect(checks[0]?.account?.updated_at).toMatch(/Z$/);
    expect(checks[0]?.owners?.[0]?.owner_name).toBe('Josh Smith');
  });

  it('a wrong answer to the identification\'s challenge ends it with the status (exit 5)', async () => {
    const script = [login('mxuser_one_account', 'challenge'), textChallenge, { kind: 'challenge', answer: 'Paris' } as Question];
    const run = await verifiedThenChecked(script, { owner: true, balance: false }, 'v20111101');
    const error = await run.outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).status).toBe('REJECTED');
  });

  it('--expect-owner: a mismatch is a VerificationError owner_mismatch naming who MX found', async () => {
    const run = await verifiedThenChecked([login('mxuser_other_owner')], { owner: true, balance: false, expectOwner: 'Josh Smith' });
    const error = await run.outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VerificationError);
    expect(error).toMatchObject({ code: 'owner_mismatch', message: 'No owner of the verified account matches "Josh Smith": MX Bank found "Jordan Rivers".' });
  });
});
