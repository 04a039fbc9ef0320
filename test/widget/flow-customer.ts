// The customer's side of a widget session, done through the sandbox's MX API as a widget does it (create the member
// with the credentials typed, answer the challenge, correct a password), so flow tests need no browser.
import { isAccountSelectionChallenge } from '../../src/domain/challenges.js';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import type { WidgetUrlRequest } from '../../src/mx/types.js';

export interface Customer {
  client: MxClient;
  /** Creates the member and, as the widget does, picks the first account when asked which one (unless `answer`). */
  signIn(userGuid: string, password: string, institution?: string): Promise<string>;
  /** Answers the member's questions until it stops asking: `answer` for security questions, the first account. */
  answer(userGuid: string, memberGuid: string, answer: string): Promise<void>;
  /** The widget's "correct them below to continue": new credentials, then the verification again. */
  retry(userGuid: string, memberGuid: string, password: string, institution?: string): Promise<void>;
  close(): void;
}

export function customer(sandbox: { url: string; clientId: string; apiKey: string }): Customer {
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey });
  // The correction is sent as v20111101 can say it (no aggregation of its own, then verify), so that no plain
  // aggregation connects the member before its verification has run.
  const legacy = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, apiVersion: 'v20111101' });
  const credentials = async (institution: string, password: string) => {
    const fields = await client.listInstitutionCredentials(institution);
    return fields.map((field) => ({ guid: field.guid ?? '', value: field.field_type === 'PASSWORD' ? password : 'mxuser' }));
  };
  return {
    client,
    async signIn(userGuid, password, institution = 'mxbank') {
      const made = await client.createMemberForVerification(userGuid, { institution_code: institution, credentials: await credentials(institution, password) });
      return made.member.guid;
    },
    async answer(userGuid, memberGuid, answer) {
      for (let i = 0; i < 50; i++) {
        const status = await client.readMemberStatus(userGuid, memberGuid);
        if (status.connection_status === 'CONNECTED' && !status.is_being_aggregated) return;
        if (status.connection_status === 'CHALLENGED') {
          const challenges = await client.listMemberChallenges(userGuid, memberGuid);
          const values = challenges.map((c) => ({ guid: c.guid ?? '', value: isAccountSelectionChallenge(c) ? (c.options?.[0]?.value ?? '') : answer }));
          await client.resumeAggregation(userGuid, memberGuid, values);
        }
        // No pause: the flow tests' sandbox runs jobMs 0, so each read brings the job to its next stop.
      }
      throw new Error('the member never connected');
    },
    async retry(userGuid, memberGuid, password, institution = 'mxbank') {
      await legacy.updateMember(userGuid, memberGuid, { credentials: await credentials(institution, password), skip_aggregation: true });
      await legacy.verifyMember(userGuid, memberGuid);
      await this.answer(userGuid, memberGuid, 'correct');
    },
    close: () => (client.close(), legacy.close()),
  };
}

/** The client, with what the flow asked of each widget URL kept (the sandbox mints them). */
export function recordingMints(client: MxClient) {
  const requests: { userGuid: string; request: WidgetUrlRequest }[] = [];
  const wrapped: MxClient = {
    ...client,
    createWidgetUrl: async (userGuid, request = {}) => {
      requests.push({ userGuid, request });
      return client.createWidgetUrl(userGuid, request);
    },
  };
  return { client: wrapped, requests };
}
