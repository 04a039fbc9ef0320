import { describe, expect, it } from 'vitest';
import { updateBalances } from '../../src/sandbox/bank/balances.js';
import { identifyOwners, ownerTemplates } from '../../src/sandbox/bank/owners.js';
import { Random } from '../../src/sandbox/bank/random.js';
import type { StoredAccount, StoredMember } from '../../src/sandbox/bank/types.js';

// The sandbox's owner and balance tables, below HTTP: what the webhooks side calls when balances change.

const account = (guid: string, type: string, balance: number): StoredAccount => ({
  guid, selectionValue: 'act-1', name: type, type, subtype: 'NONE', accountNumber: '1234567890', balance, createdAt: '2026-01-01T00:00:00Z',
});

const member = (institution_code: string, profile = 'standard') =>
  ({ institution_code, profile, accounts: [account('ACT-1', 'CHECKING', 10), account('ACT-2', 'CREDIT_CARD', 5)] }) as unknown as StoredMember;

describe('updateBalances', () => {
  it('stamps every account with the time given, sets available balances and returns only the accounts that changed', () => {
    const m = member('mxbank');
    expect(updateBalances(m, '2026-12-07T10:00:00Z').map((a) => a.guid)).toEqual(['ACT-1', 'ACT-2']);
    expect(m.accounts.map((a) => [a.availableBalance, a.balanceUpdatedAt])).toEqual([[10, '2026-12-07T10:00:00Z'], [null, '2026-12-07T10:00:00Z']]);
    // Nothing moved: no account changed, but the check is stamped with its own time.
    expect(updateBalances(m, '2026-12-07T11:00:00Z')).toEqual([]);
    expect(m.accounts[0]?.balanceUpdatedAt).toBe('2026-12-07T11:00:00Z');
    const changed = updateBalances(m, '2026-12-07T12:00:00Z', new Map([['ACT-1', 42.5]]));
    expect(changed.map((a) => a.guid)).toEqual(['ACT-1']);
    expect(m.accounts[0]).toMatchObject({ balance: 42.5, availableBalance: 42.5 });
  });
});

describe('sample owners', () => {
  it('MX Bank one owner, mxcu_oauth two, mxuser_other_owner someone else; a second identification keeps the guids', () => {
    expect(ownerTemplates(member('mxbank')).map((o) => o.ownerName)).toEqual(['Josh Smith']);
    expect(ownerTemplates(member('mxcu_oauth')).map((o) => o.ownerName)).toEqual(['John Smith', 'Mary Smith']);
    expect(ownerTemplates(member('mxbank', 'other_owner')).map((o) => o.ownerName)).toEqual(['Jordan Rivers']);
    // A client's string never reaches an object's prototype: an institution called __proto__ is just unknown.
    expect(ownerTemplates(member('__proto__')).map((o) => o.ownerName)).toEqual(['Josh Smith']);
    const m = member('mxcu_oauth');
    const engine = { random: Random.seeded(1) };
    identifyOwners(engine, m);
    const first = m.owners?.map((o) => o.guid);
    expect(first).toHaveLength(4);
    identifyOwners(engine, m);
    expect(m.owners?.map((o) => o.guid)).toEqual(first);
  });
});
