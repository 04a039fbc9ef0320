import { randomUUID } from 'node:crypto';
import type { MxApi } from './api.js';
import { MxApiError } from './errors.js';
import { memberPath, membersPath } from './identifiers.js';
import { toMember, toUser } from './parse.js';
import { writeWithPolicy, type PolicyDeps } from './policies.js';
import type { RequestSpec } from './transport.js';
import type { CredentialValue, Member, MemberCreate, MemberCreateOptions, User, UserCreate, VerifyResult } from './types.js';
import type { MemberCreated, VersionRules } from './versions.js';

// Writes that may be retried only after checking what MX already did. Each one states how it finds out.

const ctxOf = (spec: RequestSpec) => ({ method: spec.method, path: `/${spec.path}` });

/** Partner ids make creates idempotent: after an ambiguous failure the object is looked up by this id. */
export const newPartnerId = (): string => `mx-iav-${randomUUID()}`;

const withoutVerify = ({ verify: _verify, alsoProducts: _also, ...options }: MemberCreateOptions & { verify: boolean }): MemberCreateOptions => options;

export async function createUser(deps: PolicyDeps, api: MxApi, user: UserCreate): Promise<User> {
  const id = user.id ?? newPartnerId();
  const spec: RequestSpec = { method: 'POST', path: 'users', body: { user: { ...user, id } } };
  const findById = async (): Promise<User | undefined> => {
    const { items } = await api.listUsers({ id, records_per_page: 10 });
    return items.find((candidate) => candidate.id === id);
  };
  return createOnce(deps, async (attempt) => toUser(ctxOf(spec), await deps.transport.send(spec, attempt)), findById);
}

/**
 * The body comes from the API version's rules (a member for verification is asked for differently per version), and
 * so does what the answer means. A member found after an ambiguous failure counts as started only while it aggregates:
 * otherwise the caller verifies, which MX answers 202 (attach) if a job runs after all.
 */
export async function createMember(
  deps: PolicyDeps,
  api: MxApi,
  rules: VersionRules,
  userGuid: string,
  member: MemberCreate,
  options: MemberCreateOptions & { verify: boolean },
): Promise<MemberCreated> {
  const id = member.id ?? newPartnerId();
  const spec: RequestSpec = { method: 'POST', path: membersPath(userGuid), body: rules.createMemberBody({ ...member, id }, withoutVerify(options), options.verify, options.alsoProducts) };
  const outcome = (status: number, created: Member): MemberCreated => ({
    member: created,
    verification: !options.verify ? 'not-started' : rules.createOutcome(status, created),
  });
  const findById = async (): Promise<MemberCreated | undefined> => {
    // MX has no member filter by id, so page through the user's members.
    for await (const candidate of api.paginate((query) => api.listMembers(userGuid, query), 100)) {
      if (candidate.id !== id) continue;
      // Found, not answered: read it as the create's plain 200 would have been.
      return outcome(200, candidate);
    }
    return undefined;
  };
  const send = async (attempt: number) => {
    const exchange = await deps.transport.send(spec, attempt);
    return outcome(exchange.status, toMember(ctxOf(spec), exchange));
  };
  return createOnce(deps, send, findById);
}

/** 200 starts a verification; 202 means one is already running (attach to it); 409 means another job holds the member. */
export async function verifyMember(deps: PolicyDeps, api: MxApi, userGuid: string, memberGuid: string): Promise<VerifyResult> {
  const spec: RequestSpec = { method: 'POST', path: `${memberPath(userGuid, memberGuid)}/verify` };
  return writeWithPolicy(
    deps,
    async (attempt) => {
      const exchange = await deps.transport.send(spec, attempt);
      const alreadyRunning = exchange.status === 202;
      // A 202 may come without a member body; read it then rather than failing.
      const member = alreadyRunning && exchange.body === undefined ? await api.readMember(userGuid, memberGuid) : toMember(ctxOf(spec), exchange);
      return { member, alreadyRunning };
    },
    {
      retryConflict: true,
      onAmbiguous: async () => {
        const status = await api.readMemberStatus(userGuid, memberGuid);
        if (status.is_being_aggregated !== true) return 'retry';
        return { value: { member: await api.readMember(userGuid, memberGuid), alreadyRunning: true } };
      },
    },
  );
}

/**
 * After an ambiguous failure the answer counts as accepted once the member has left CHALLENGED, or is CHALLENGED again
 * by a different question (a chained challenge must not receive the previous answer).
 */
export async function resumeAggregation(deps: PolicyDeps, api: MxApi, userGuid: string, memberGuid: string, answers: CredentialValue[]): Promise<Member> {
  const spec: RequestSpec = { method: 'PUT', path: `${memberPath(userGuid, memberGuid)}/resume`, body: { member: { challenges: answers } } };
  const answered = new Set(answers.map((answer) => answer.guid));
  return writeWithPolicy(deps, async (attempt) => toMember(ctxOf(spec), await deps.transport.send(spec, attempt)), {
    onAmbiguous: async () => {
      const status = await api.readMemberStatus(userGuid, memberGuid);
      const sameQuestion = (status.challenges ?? []).length === 0 || (status.challenges ?? []).some((c) => c.guid !== null && answered.has(c.guid));
      if (status.connection_status === 'CHALLENGED' && sameQuestion) return 'retry';
      return { value: await api.readMember(userGuid, memberGuid) };
    },
  });
}

/** Deleting twice is harmless, so an ambiguous failure is resent; a 404 after that means the first one worked. */
export async function deleteObject(deps: PolicyDeps, spec: RequestSpec): Promise<void> {
  let resentAfterAmbiguity = false;
  return writeWithPolicy(
    deps,
    async (attempt) => {
      try {
        await deps.transport.send(spec, attempt);
      } catch (error) {
        if (resentAfterAmbiguity && error instanceof MxApiError && error.status === 404) return;
        throw error;
      }
    },
    {
      onAmbiguous: async () => {
        resentAfterAmbiguity = true;
        return 'retry';
      },
    },
  );
}

/**
 * A create made idempotent by its partner id: after an ambiguous failure the object is looked up by that id, and
 * resent only when MX does not have it. MX refuses a partner id it already has with 409, so a 409 to that resend is
 * our own earlier attempt having landed after all, and is looked up again.
 */
function createOnce<T>(deps: PolicyDeps, send: (attempt: number) => Promise<T>, findById: () => Promise<T | undefined>): Promise<T> {
  let resentAfterAmbiguity = false;
  return writeWithPolicy(
    deps,
    async (attempt) => {
      try {
        return await send(attempt);
      } catch (error) {
        const mine = resentAfterAmbiguity && error instanceof MxApiError && error.status === 409 ? await findById() : undefined;
        if (mine) return mine;
        throw error;
      }
    },
    {
      onAmbiguous: async () => {
        const existing = await findById();
        resentAfterAmbiguity = existing === undefined;
        return existing ? { value: existing } : 'retry';
      },
    },
  );
}
