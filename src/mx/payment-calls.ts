import type { MxApi } from './api.js';
import { memberPath } from './identifiers.js';
import { toMember } from './parse.js';
import type { AccountOwner } from './payment-types.js';
import { writeWithPolicy, type PolicyDeps } from './policies.js';
import type { RequestSpec } from './transport.js';
import type { Member } from './types.js';

// Account Owner Identification and balance checks: jobs started on an existing member, then read like its accounts.

type ListAll = <T>(path: string, key: string) => Promise<T[]>;

/**
 * POST identify / check_balance, both 202 with the member. An ambiguous failure is resolved by the member's status:
 * aggregating means the job started (MX runs one job per member), otherwise it is resent. A 409 (another job still
 * holds the member) is waited out and resent, as verify is.
 */
async function startJob(deps: PolicyDeps, api: () => MxApi, userGuid: string, memberGuid: string, action: 'identify' | 'check_balance'): Promise<Member> {
  const spec: RequestSpec = { method: 'POST', path: `${memberPath(userGuid, memberGuid)}/${action}` };
  const ctx = { method: spec.method, path: `/${spec.path}` };
  return writeWithPolicy(
    deps,
    async (attempt) => {
      const exchange = await deps.transport.send(spec, attempt);
      return exchange.body === undefined ? api().readMember(userGuid, memberGuid) : toMember(ctx, exchange);
    },
    {
      retryConflict: true,
      onAmbiguous: async () => {
        const status = await api().readMemberStatus(userGuid, memberGuid);
        return status.is_being_aggregated === true ? { value: await api().readMember(userGuid, memberGuid) } : 'retry';
      },
    },
  );
}

export function paymentCalls(deps: PolicyDeps, listAll: ListAll, api: () => MxApi) {
  return {
    identifyMember: async (userGuid, memberGuid) => startJob(deps, api, userGuid, memberGuid, 'identify'),
    checkBalances: async (userGuid, memberGuid) => startJob(deps, api, userGuid, memberGuid, 'check_balance'),
    listAccountOwnersByMember: async (userGuid, memberGuid) =>
      listAll<AccountOwner>(`${memberPath(userGuid, memberGuid)}/account_owners`, 'account_owners'),
  } satisfies Partial<MxApi>;
}
