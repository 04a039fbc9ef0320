import { describe, expect, it } from 'vitest';
import { MICRO_DEPOSIT_STATUSES, parseDepositAmount } from '../../src/domain/micro-deposits.js';
import { addressed } from '../../src/commands/micro-deposits-run.js';
import { describeMicroDeposit } from '../../src/flow/micro-deposit-messages.js';
import { formatHint } from '../../src/session/next-steps.js';

describe('micro-deposit words', () => {
  it('each of MX\'s ten statuses has its own sentence, and a next step unless VERIFIED', () => {
    expect(MICRO_DEPOSIT_STATUSES).toHaveLength(10);
    const sentences = MICRO_DEPOSIT_STATUSES.map((status) => describeMicroDeposit(status).sentence);
    expect(new Set(sentences).size).toBe(10);
    for (const status of MICRO_DEPOSIT_STATUSES) expect(describeMicroDeposit(status).next === undefined, status).toBe(status === 'VERIFIED');
    expect(describeMicroDeposit('SOMETHING_NEW').sentence).toBe('MX reports the status SOMETHING_NEW.');
  });

  it.each(MICRO_DEPOSIT_STATUSES.filter((status) => status !== 'VERIFIED'))(
    '%s, for a run addressed by --user and --micro-deposit: every step names them, none goes to the saved one',
    (status) => {
      const words = addressed(describeMicroDeposit(status), 'USR-1', 'MIC-1', { user: 'USR-1', microDeposit: 'MIC-1' });
      for (const next of words.next?.steps ?? []) {
        if (next.command === 'micro-deposits create' || next.command === 'verify') continue;
        expect(next.flags, formatHint(words.next)).toMatchObject({ user: 'USR-1' });
      }
    },
  );

  it('INITIATED, addressed: the amounts are confirmed with that micro-deposit\'s verify, not with resume', () => {
    const words = addressed(describeMicroDeposit('INITIATED'), 'USR-1', 'MIC-1', { user: 'USR-1', microDeposit: 'MIC-1' });
    expect(formatHint(words.next)).toBe('Wait for the deposits (MX: one to two business days), then: mx-iav micro-deposits verify --user USR-1 --micro-deposit MIC-1');
  });

  it.each([
    ['0.07', 0.07], ['.07', 0.07], ['$0.15', 0.15], ['7', 0.07], ['0.5', 0.5], ['0.99', 0.99],
    ['0', null], ['1.00', null], ['0.001', null], ['100', null], ['-0.10', null], ['abc', null], ['', null],
  ])('parseDepositAmount(%j) is %j', (text, expected) => {
    expect(parseDepositAmount(text)).toBe(expected);
  });
});
