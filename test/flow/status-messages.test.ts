import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.js';
import { CONNECTION_STATUSES } from '../../src/domain/statuses.js';
import { describeStatus, type StatusKind } from '../../src/flow/status-messages.js';
import { renderError } from '../../src/ui/render-error.js';
import { formatHint, hintWriter } from '../../src/session/next-steps.js';

const plain = { json: false, debug: false, color: false, hints: hintWriter() };

// The 22 values of MX's connection_status enum, from shared/mx-api-notes.md §5, typed out independently.
const DOCUMENTED = [
  'CREATED', 'PREVENTED', 'DENIED', 'CHALLENGED', 'REJECTED', 'LOCKED', 'CONNECTED', 'IMPEDED', 'RECONNECTED',
  'DEGRADED', 'DISCONNECTED', 'DISCONTINUED', 'CLOSED', 'DELAYED', 'FAILED', 'UPDATED', 'DISABLED', 'IMPORTED',
  'RESUMED', 'EXPIRED', 'IMPAIRED', 'PENDING',
];

const KIND: Record<string, StatusKind> = {
  CREATED: 'in_progress', RECONNECTED: 'in_progress', UPDATED: 'in_progress', RESUMED: 'in_progress', PENDING: 'in_progress',
  CHALLENGED: 'needs_answer',
  CONNECTED: 'success',
};

describe('describeStatus', () => {
  it('knows exactly the 22 documented statuses', () => {
    expect(DOCUMENTED).toHaveLength(22);
    expect([...CONNECTION_STATUSES].sort()).toEqual([...DOCUMENTED].sort());
  });

  it.each(DOCUMENTED)('%s has its own sentence, and a failure names the mx-iav command to run', (status) => {
    const described = describeStatus(status, 'MX Bank');
    expect(described.kind).toBe(KIND[status] ?? 'failure');
    expect(described.sentence).not.toMatch(/does not recognise/);
    expect(described.sentence).toMatch(/[.…]$/);
    if (described.kind === 'failure') expect(described.hint?.steps.length).toBeGreaterThan(0);
    if (described.kind === 'failure') expect(formatHint(described.hint)).toMatch(/mx-iav [a-z]/);
  });

  it('gives every status a different sentence', () => {
    const sentences = new Set(DOCUMENTED.map((status) => describeStatus(status, 'MX Bank').sentence));
    expect(sentences.size).toBe(22);
  });

  it.each([
    ['DENIED', 'MX Bank did not accept those credentials.', 'Re-enter them with: mx-iav verify --update-credentials'],
    ['EXPIRED', 'The challenge was not answered in time.', 'Start again with: mx-iav verify'],
    ['REJECTED', 'MX Bank did not accept the answer to its security question.', 'Answer again with: mx-iav verify'],
    ['PREVENTED', 'MX Bank refused the credentials several times in a row, so MX stopped trying them.', 'Enter the correct ones with: mx-iav verify --update-credentials'],
    ['LOCKED', 'MX Bank has locked access to your account.', "Log in at MX Bank's website to unlock it, then run: mx-iav verify"],
    ['FAILED', 'MX could not read your data from MX Bank.', 'Try again later with: mx-iav verify'],
    ['DISCONTINUED', 'MX no longer supports connections to MX Bank.', 'Pick another institution with: mx-iav verify --institution CODE'],
  ])('%s reads exactly', (status, sentence, hint) => {
    const described = describeStatus(status, 'MX Bank');
    expect({ ...described, hint: formatHint(described.hint) }).toEqual({ kind: 'failure', sentence, hint });
  });

  it.each(['DEGRADED', 'DELAYED', 'DISCONNECTED'])('%s says to try later', (status) => {
    expect(formatHint(describeStatus(status, 'MX Bank').hint)).toMatch(/^Try again later with: mx-iav verify/);
  });

  it.each(['CLOSED', 'DISABLED'])('%s says to pick another institution', (status) => {
    expect(formatHint(describeStatus(status, 'MX Bank').hint)).toMatch(/^Pick another institution/);
  });

  it('accepts lower case', () => {
    expect(describeStatus('denied', 'MX Bank').sentence).toBe('MX Bank did not accept those credentials.');
  });

  it('treats null (no credentials yet) as in progress', () => {
    expect(describeStatus(null, 'MX Bank')).toEqual({ kind: 'in_progress', sentence: 'Waiting for MX Bank to start the connection…' });
  });

  it('words an unknown status, and what reaches the terminal has its control sequences stripped', () => {
    const described = describeStatus('REIMPEDED\x1b[2J', 'MX Bank');
    expect(described).toMatchObject({ kind: 'failure', hint: { steps: [{ command: 'status' }] } });
    expect(formatHint(described.hint)).toBe('Check again with: mx-iav status');
    const shown = renderError(new VerificationError('REIMPEDED', described.sentence, described.hint), plain);
    expect(shown.stderr).toBe(
      '✖ The connection to MX Bank stopped with status REIMPEDED, which mx-iav does not recognise.\n  Check again with: mx-iav status\n',
    );
  });

  it('a hostile institution name reaches the terminal without its control sequences; an empty one falls back', () => {
    const described = describeStatus('DENIED', '\x1b]0;t\x07Evil Bank');
    expect(renderError(new VerificationError('DENIED', described.sentence), plain).stderr).toBe(
      '✖ Evil Bank did not accept those credentials.\n',
    );
    expect(describeStatus('DENIED', '').sentence).toBe('The bank did not accept those credentials.');
  });
});
