import { describe, expect, it } from 'vitest';
import { MICRO_DEPOSIT_STATUSES, parseDepositAmount } from '../../src/domain/micro-deposits.js';
import { describeMicroDeposit } from '../../src/flow/micro-deposit-messages.js';

describe('micro-deposit words', () => {
  it('each of MX\'s ten statuses has its own sentence, and a next step unless VERIFIED', () => {
    expect(MICRO_DEPOSIT_STATUSES).toHaveLength(10);
    const sentences = MICRO_DEPOSIT_STATUSES.map((status) => describeMicroDeposit(status).sentence);
    expect(new Set(sentences).size).toBe(10);
    for (const status of MICRO_DEPOSIT_STATUSES) expect(describeMicroDeposit(status).next === undefined, status).toBe(status === 'VERIFIED');
    expect(describeMicroDeposit('SOMETHING_NEW').sentence).toBe('MX reports the status SOMETHING_NEW.');
  });

  it.each([
    ['0.07', 0.07], ['.07', 0.07], ['$0.15', 0.15], ['7', 0.07], ['0.5', 0.5], ['0.99', 0.99],
    ['0', null], ['1.00', null], ['0.001', null], ['100', null], ['-0.10', null], ['abc', null], ['', null],
  ])('parseDepositAmount(%j) is %j', (text, expected) => {
    expect(parseDepositAmount(text)).toBe(expected);
  });
});
