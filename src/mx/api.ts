import type {
  Account,
  AccountNumber,
  Challenge,
  CredentialValue,
  Institution,
  InstitutionCredential,
  InstitutionQuery,
  Member,
  MemberCreate,
  MemberCreateOptions,
  MemberStatus,
  MemberUpdate,
  OAuthWindow,
  Page,
  PageQuery,
  User,
  UserCreate,
  UserQuery,
  VerifyResult,
  WidgetUrl,
  WidgetUrlRequest,
} from './types.js';
import type { AccountOwner } from './payment-types.js';
import type { MicroDepositApi } from './micro-deposit-types.js';
import type { MemberCreated, VersionRules } from './versions.js';

/** The MX Platform API as the rest of mx-iav sees it; `createMxClient` is its only implementation. */
export interface MxApi extends MicroDepositApi {
  /** The API version this client speaks, and what it sends and expects differently from the other (versions.ts). */
  readonly version: VersionRules;

  createUser(user: UserCreate): Promise<User>;
  readUser(userGuid: string): Promise<User>;
  listUsers(query?: UserQuery): Promise<Page<User>>;
  updateUser(userGuid: string, user: UserCreate): Promise<User>;
  deleteUser(userGuid: string): Promise<void>;

  listInstitutions(query?: InstitutionQuery): Promise<Page<Institution>>;
  readInstitution(code: string): Promise<Institution>;
  listInstitutionCredentials(code: string): Promise<InstitutionCredential[]>;

  createMember(userGuid: string, member: MemberCreate, options?: MemberCreateOptions): Promise<Member>;
  /** A member whose one job is verification, asked for as the version asks; `verification`: did the create start it. */
  createMemberForVerification(userGuid: string, member: MemberCreate, options?: MemberCreateOptions): Promise<MemberCreated>;
  readMember(userGuid: string, memberGuid: string): Promise<Member>;
  listMembers(userGuid: string, query?: PageQuery): Promise<Page<Member>>;
  updateMember(userGuid: string, memberGuid: string, member: MemberUpdate): Promise<Member>;
  deleteMember(userGuid: string, memberGuid: string): Promise<void>;
  readMemberStatus(userGuid: string, memberGuid: string): Promise<MemberStatus>;
  /** An empty list when MX answers 204 (the member is not CHALLENGED). */
  listMemberChallenges(userGuid: string, memberGuid: string): Promise<Challenge[]>;
  resumeAggregation(userGuid: string, memberGuid: string, answers: CredentialValue[]): Promise<Member>;
  verifyMember(userGuid: string, memberGuid: string): Promise<VerifyResult>;
  /**
   * A fresh one-time bank sign-in link. `skipAggregation` (default true): MX is not to aggregate once the bank says
   * yes, because the caller verifies then; false where the member's create already asked for the verification.
   */
  requestOAuthWindowUri(userGuid: string, memberGuid: string, options?: { skipAggregation?: boolean }): Promise<OAuthWindow>;

  /**
   * A one-time Connect widget URL in verification mode for the user (the version's body: versions.ts). It "expires
   * after ten minutes or upon first use", so it is asked for just before it is shown.
   */
  createWidgetUrl(userGuid: string, request?: WidgetUrlRequest): Promise<WidgetUrl>;

  listAccountNumbersByMember(userGuid: string, memberGuid: string): Promise<AccountNumber[]>;
  listAccountNumbersByAccount(userGuid: string, accountGuid: string): Promise<AccountNumber[]>;
  listMemberAccounts(userGuid: string, memberGuid: string): Promise<Account[]>;

  /** Starts Account Owner Identification (a job, followed like verification's); the owners are read afterwards. */
  identifyMember(userGuid: string, memberGuid: string): Promise<Member>;
  /** Starts a balance check (a job); the accounts' `available_balance`/`balance` are read afterwards. */
  checkBalances(userGuid: string, memberGuid: string): Promise<Member>;
  /** Every owner of every account of the member (one entry per owner and account); empty before identification. */
  listAccountOwnersByMember(userGuid: string, memberGuid: string): Promise<AccountOwner[]>;

  /** Every item of a paged list, fetched page by page as the caller iterates. */
  paginate<T>(fetchPage: (query: PageQuery) => Promise<Page<T>>, recordsPerPage?: number): AsyncIterable<T>;
}
