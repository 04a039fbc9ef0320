import { describe, expect, it } from 'vitest';
import { kindOf, readSample, WEBHOOK_KINDS, webhookErrors } from './validate.js';

describe("MX's sample webhook payloads against the schemas written from MX's pages", () => {
  it.each(WEBHOOK_KINDS)('%s: the sample is valid and is recognised as that webhook', (kind) => {
    const sample = readSample(kind);
    expect(kindOf(sample)).toBe(kind);
    expect(webhookErrors(sample)).toEqual([]);
  });

  it('a member nesting its fields under "member" is a Members webhook too (where MX puts them is unconfirmed)', () => {
    const { type, action, ...fields } = readSample('MEMBER');
    expect(webhookErrors({ type, action, member: fields })).toEqual([]);
  });

  it('refuses what MX would not send: a status that fires no webhook, a verification without accounts, a bad code', () => {
    expect(webhookErrors({ ...readSample('CONNECTION_STATUS'), connection_status: 'CONNECTED' })).not.toEqual([]);
    const { accounts: _accounts, ...noAccounts } = readSample('VERIFICATION');
    expect(webhookErrors(noAccounts).join('\n')).toMatch(/accounts/);
    const micro = readSample('MICRODEPOSITS');
    expect(webhookErrors({ ...micro, micro_deposit: { ...(micro.micro_deposit as object), status: 'INITIATED' } })).not.toEqual([]);
    expect(webhookErrors({ ...readSample('MEMBER'), action: 'CHANGED' })).not.toEqual([]);
    expect(webhookErrors({ type: 'TRANSFER' })).toEqual(['not an MX webhook type: "TRANSFER"']);
  });
});
