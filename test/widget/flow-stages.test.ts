import { describe, expect, it } from 'vitest';
import { describeLifetime } from '../../src/flow/widget-link.js';
import { needsCustomer, widgetStage } from '../../src/flow/widget-stages.js';

describe('what a widget member is doing', () => {
  it.each([
    ['PENDING', false, 'signing-in'],
    ['CHALLENGED', false, 'challenged'],
    ['DENIED', false, 'retrying'],
    ['EXPIRED', false, 'retrying'],
    ['REJECTED', false, 'retrying'],
    ['PREVENTED', false, 'retrying'],
    ['DENIED', true, 'verifying'],
    ['CREATED', false, 'verifying'],
    ['RESUMED', false, 'verifying'],
    ['CONNECTED', true, 'verifying'],
    ['CONNECTED', false, 'connected'],
    ['LOCKED', false, 'ended'],
    ['FAILED', false, 'ended'],
    [null, false, 'ended'],
  ] as const)('%s (aggregating: %s) is %s', (connection_status, is_being_aggregated, stage) => {
    expect(widgetStage({ connection_status, is_being_aggregated })).toBe(stage);
  });

  it('only a member waiting on the customer gets the widget reopened', () => {
    expect(['signing-in', 'challenged', 'retrying'].every((stage) => needsCustomer(stage as never))).toBe(true);
    expect(['verifying', 'connected', 'ended'].some((stage) => needsCustomer(stage as never))).toBe(false);
  });

  it.each([
    [600_000, '10 minutes'],
    [60_000, '1 minute'],
    [1000, '1 second'],
    [1500, '2 seconds'],
  ])('a lifetime of %i ms reads "%s"', (ms, words) => {
    expect(describeLifetime(ms)).toBe(words);
  });
});
