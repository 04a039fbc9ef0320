import { describe, expect, it } from 'vitest';
import { decide, nextForSavedMember, type PollDecision, type SavedMemberAction, type SavedMemberFacts } from '../../src/flow/decisions.js';
import { FLOW_STEPS, type FlowStep } from '../../src/flow/ports.js';
import { flowStateSchema } from '../../src/store/schema.js';

// The flow's decisions as tables: each row is what MX says (and what the profile remembers), and what follows.

describe('decide: what one status read means', () => {
  const rows: [string | null, boolean | null, PollDecision][] = [
    ['CHALLENGED', false, 'answer'],
    ['CHALLENGED', true, 'answer'],
    ['CONNECTED', true, 'wait'],
    ['CONNECTED', false, 'connected'],
    ['CONNECTED', null, 'connected'],
    ['CREATED', false, 'wait'],
    ['RESUMED', false, 'wait'],
    ['RECONNECTED', false, 'wait'],
    ['UPDATED', false, 'wait'],
    ['PENDING', false, 'wait'],
    // Any other status is the end, unless MX says a job still runs.
    ['DENIED', false, 'ended'],
    ['FAILED', false, 'ended'],
    ['EXPIRED', false, 'ended'],
    ['DEGRADED', true, 'wait'],
    ['SOMETHING_NEW', false, 'ended'],
    ['SOMETHING_NEW', true, 'wait'],
    [null, false, 'ended'],
    [null, true, 'wait'],
  ];
  it.each(rows)('%s, aggregating %s → %s', (connection_status, is_being_aggregated, expected) => {
    expect(decide({ connection_status, is_being_aggregated })).toBe(expected);
  });
});

describe('nextForSavedMember: what to do with a member an earlier run saved', () => {
  type Row = [kind: 'creds' | 'oauth', connection: string | null, aggregating: boolean, authenticated: boolean, step: FlowStep | undefined, reenter: boolean, expected: SavedMemberAction];
  const rows: Row[] = [
    // A running job or a waiting question is followed, whatever else holds.
    ['creds', 'CHALLENGED', false, false, 'challenged', false, 'follow'],
    ['creds', 'CHALLENGED', false, false, 'member', true, 'follow'],
    ['creds', 'CONNECTED', true, true, 'verifying', false, 'follow'],
    ['oauth', 'PENDING', true, false, 'member', false, 'follow'],
    // Credentials the bank refused are asked again; so are they when the user says so.
    ['creds', 'DENIED', false, false, 'failed', false, 'update-credentials'],
    ['creds', 'PREVENTED', false, false, 'failed', false, 'update-credentials'],
    ['creds', 'IMPAIRED', false, false, 'failed', false, 'update-credentials'],
    ['creds', 'IMPORTED', false, false, 'failed', false, 'update-credentials'],
    ['creds', 'CONNECTED', false, true, 'done', true, 'update-credentials'],
    // A connected member whose verification was asked for (and did not fail) only needs its numbers read.
    ['creds', 'CONNECTED', false, true, 'done', false, 'collect'],
    ['creds', 'CONNECTED', false, true, 'verifying', false, 'collect'],
    ['creds', 'CONNECTED', false, true, 'challenged', false, 'collect'],
    // Connected, but never verified (or the last verification failed): verify.
    ['creds', 'CONNECTED', false, true, 'member', false, 'verify'],
    ['creds', 'CONNECTED', false, true, 'institution', false, 'verify'],
    ['creds', 'CONNECTED', false, true, undefined, false, 'verify'],
    ['creds', 'CONNECTED', false, true, 'failed', false, 'verify'],
    ['creds', 'CREATED', false, false, 'member', false, 'verify'],
    ['creds', 'FAILED', false, true, 'failed', false, 'verify'],
    ['creds', 'EXPIRED', false, true, 'failed', false, 'verify'],
    ['creds', null, false, false, 'member', false, 'verify'],
    // OAuth: back to the bank while it never approved, refused, or the user asks; never asked for credentials.
    ['oauth', 'PENDING', false, false, 'member', false, 'sign-in'],
    ['oauth', null, false, false, 'member', false, 'sign-in'],
    ['oauth', 'DENIED', false, false, 'failed', false, 'sign-in'],
    ['oauth', 'PREVENTED', false, false, 'failed', false, 'sign-in'],
    ['oauth', 'EXPIRED', false, false, 'failed', false, 'sign-in'],
    ['oauth', 'CONNECTED', false, true, 'done', true, 'sign-in'],
    // A verification whose account choice went unanswered: the bank's approval still stands.
    ['oauth', 'EXPIRED', false, true, 'failed', false, 'verify'],
    ['oauth', 'FAILED', false, true, 'failed', false, 'verify'],
    ['oauth', 'CONNECTED', false, true, 'member', false, 'verify'],
    ['oauth', 'CONNECTED', false, true, 'done', false, 'collect'],
  ];
  it.each(rows)('%s member %s (aggregating %s, authenticated %s), step %s, re-enter %s → %s', (kind, connection, aggregating, authenticated, step, reenter, expected) => {
    const facts: SavedMemberFacts = {
      isOauth: kind === 'oauth',
      status: { connection_status: connection, is_being_aggregated: aggregating, is_authenticated: authenticated },
      step,
      reenter,
    };
    expect(nextForSavedMember(facts)).toBe(expected);
  });
});

describe('the saved step', () => {
  it('is one list: the profile schema accepts exactly the steps the flow writes', () => {
    expect(flowStateSchema.properties.step.enum).toEqual([...FLOW_STEPS]);
  });
});
