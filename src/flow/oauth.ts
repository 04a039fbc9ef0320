// OAuth institutions take no credentials: the user signs in at the bank through a one-time link MX hands out
// (mx-api-notes §7), and the member stays PENDING until the bank answers.
import { CliError, EXIT, VerificationError } from '../errors.js';
import type { Institution, MemberStatus } from '../mx/types.js';
import type { FlowDeps } from './ports.js';
import { endedUnsuccessfully, waitForDecision, type PollOptions } from './poll.js';
import { decide } from './decisions.js';
import { hint, step } from '../next-step.js';

// MX documents no lifetime for a link, only that each works once. A member that EXPIRED while the user was away
// gets a fresh link, a few times at most, so that an unattended run cannot hand out links forever.
export const MAX_FRESH_LINKS = 3;

export interface BankStart {
  /** The link from the member's creation; a later run has none and asks for a fresh one (the old may be used). */
  uri: string | null;
  /** The status when the link is handed out: an earlier DENIED or EXPIRED stands until the bank answers anew. */
  status: string | null;
  /**
   * The member's create asked MX to verify once the bank says yes (v20250224's data_request): fresh links must then
   * let MX go ahead. Otherwise they ask MX not to aggregate, because the flow sends verify itself.
   */
  verifiesOnApproval?: boolean;
}

/** Sends the user to the bank and waits until the connection is made. */
export async function connectThroughBank(
  deps: FlowDeps,
  poll: PollOptions,
  institution: Institution,
  start: BankStart,
): Promise<MemberStatus> {
  const name = poll.institutionName;
  const skipAggregation = start.verifiesOnApproval !== true;
  let uri = start.uri ?? (await freshLink(deps, poll, skipAggregation));
  let staleStatus = start.status;
  for (let fresh = 0; ; fresh += 1) {
    await showLink(deps, uri, institution, name);
    const status = await waitForDecision(deps, poll, { label: `Waiting for you to approve access at ${name}`, staleStatus });
    const decision = decide(status);
    if (decision === 'connected' || decision === 'answer') return status;
    if (status.connection_status !== 'EXPIRED') throw bankRefused(status, name);
    if (fresh >= MAX_FRESH_LINKS) {
      throw new VerificationError(
        'EXPIRED',
        `The sign-in link for ${name} expired ${fresh + 1} times without an answer, so nothing was verified.`,
        hint`Start again when you can approve it in the browser: ${step('resume')}`,
      );
    }
    deps.progress.warn(`The sign-in link for ${name} expired; here is a new one.`);
    uri = await freshLink(deps, poll, skipAggregation);
    staleStatus = 'EXPIRED';
  }
}

async function freshLink(deps: Pick<FlowDeps, 'client'>, poll: PollOptions, skipAggregation: boolean): Promise<string> {
  const { oauth_window_uri: uri } = await deps.client.requestOAuthWindowUri(poll.userGuid, poll.memberGuid, { skipAggregation });
  if (!uri) {
    throw new CliError(`MX gave no sign-in link for member ${poll.memberGuid}.`, {
      exitCode: EXIT.api,
      code: 'no_oauth_window_uri',
      hint: hint`Try again in a moment with: ${step('resume')}`,
    });
  }
  return uri;
}

async function showLink(deps: Pick<FlowDeps, 'prompter' | 'progress'>, uri: string, institution: Institution, name: string) {
  if (deps.prompter.sendToBank) return deps.prompter.sendToBank(uri, institution);
  deps.progress.info(`Sign in to ${name} and approve access: ${uri}`);
}

function bankRefused(status: MemberStatus, name: string): VerificationError {
  if (status.connection_status !== 'DENIED') return endedUnsuccessfully(status, name);
  return new VerificationError(
    'DENIED',
    `Access was denied at ${name}, so no account was verified.`,
    hint`To try again, run ${step('verify')} and choose Approve on the bank's page.`,
  );
}
