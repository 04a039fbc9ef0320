import { describe, expect, it } from 'vitest';
import type { FlowDeps } from '../../src/flow/ports.js';
import { pollToEnd } from '../../src/flow/poll.js';
import type { MxApi } from '../../src/mx/api.js';
import type { Challenge, CredentialValue, Member, MemberStatus } from '../../src/mx/types.js';
import { createNoInputPrompter } from '../../src/ui/no-input-prompter.js';
import { fastClock, memoryStore } from '../helpers/flow-deps.js';
import { createRecordingProgress } from '../helpers/recording-progress.js';

// MX may send an account selection and a security question in one status. The account selection is answered by
// --select-account and must not use up an --answer: the question after it gets the first --answer, and the next
// round's question the second.

const accountSelection: Challenge = {
  guid: 'CRD-account',
  type: 'OPTIONS',
  label: 'Please select an account:',
  field_name: null,
  options: [
    { label: 'Checking 1234', value: 'ACT-checking' },
    { label: 'Savings 5678', value: 'ACT-savings' },
  ],
};
const question = (guid: string, label: string): Challenge => ({ guid, type: 'TEXT', label, field_name: null });

const statusWith = (connection_status: string, challenges?: Challenge[]): MemberStatus => ({
  guid: 'MBR-1',
  connection_status,
  is_authenticated: false,
  is_being_aggregated: connection_status !== 'CHALLENGED' && connection_status !== 'CONNECTED',
  aggregated_at: null,
  successfully_aggregated_at: null,
  ...(challenges ? { challenges } : {}),
});

/** The three calls polling makes, answered from a list of statuses; every resume is recorded as MX would see it. */
function fakeMx(statuses: MemberStatus[]) {
  const resumed: CredentialValue[][] = [];
  const client = {
    async readMemberStatus() {
      const next = statuses.shift();
      if (!next) throw new Error('The flow read the status more often than the test scripted.');
      return next;
    },
    async listMemberChallenges() {
      throw new Error('The status carried its challenges; the flow should not list them.');
    },
    async resumeAggregation(_user: string, _member: string, answers: CredentialValue[]) {
      resumed.push(answers);
      return { guid: 'MBR-1', connection_status: 'RESUMED' } as Member;
    },
  } as Partial<MxApi> as MxApi;
  return { client, resumed };
}

const options = { userGuid: 'USR-1', memberGuid: 'MBR-1', institutionName: 'MX Bank', timeoutMs: 5_000, firstPollDelayMs: 0, pollIntervalMs: 1 };

describe('a status carrying an account selection and a security question at once', () => {
  it('answers the question with the first --answer and the next round with the second', async () => {
    const { client, resumed } = fakeMx([
      statusWith('CHALLENGED', [accountSelection, question('CRD-city', 'What city were you born in?')]),
      statusWith('CHALLENGED', [question('CRD-pet', 'What was your first pet called?')]),
      statusWith('CONNECTED'),
    ]);
    const prompter = createNoInputPrompter({ credentials: {}, answers: ['Springfield', 'Rex'], selectAccount: 'first' });
    const deps: FlowDeps = { client, prompter, progress: createRecordingProgress(), store: memoryStore(), clock: fastClock };

    const end = await pollToEnd(deps, options);

    expect(end.connection_status).toBe('CONNECTED');
    expect(resumed).toEqual([
      [
        { guid: 'CRD-account', value: 'ACT-checking' },
        { guid: 'CRD-city', value: 'Springfield' },
      ],
      [{ guid: 'CRD-pet', value: 'Rex' }],
    ]);
  });

  it('with one --answer, the second round stops naming challenge 2, not 3', async () => {
    const { client, resumed } = fakeMx([
      statusWith('CHALLENGED', [accountSelection, question('CRD-city', 'What city were you born in?')]),
      statusWith('CHALLENGED', [question('CRD-pet', 'What was your first pet called?')]),
    ]);
    const prompter = createNoInputPrompter({ credentials: {}, answers: ['Springfield'], selectAccount: 'first' });
    const deps: FlowDeps = { client, prompter, progress: createRecordingProgress(), store: memoryStore(), clock: fastClock };

    await expect(pollToEnd(deps, options)).rejects.toThrow(
      'MX asks "What was your first pet called?" (challenge 2), but --no-input is set: set MX_IAV_ANSWERS (one answer, or a JSON array in challenge order) or pass --answer VALUE (repeatable, in challenge order).',
    );
    expect(resumed).toEqual([[{ guid: 'CRD-account', value: 'ACT-checking' }, { guid: 'CRD-city', value: 'Springfield' }]]);
  });
});
