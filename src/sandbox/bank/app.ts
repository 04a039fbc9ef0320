import type { User } from '../../mx/types.js';
import { fileFailure } from './failures.js';
import type { Clock } from './clock.js';
import { type Engine, settle, type StepNotice } from './jobs.js';
import { MicroDepositTable } from './micro-deposits/table.js';
import { Random } from './random.js';
import { notFound } from './refusals.js';
import { emptyState, loadState, own, saveState, stateSignature } from './state.js';
import type { SandboxState, StoredMember } from './types.js';

export interface AppOptions {
  seed?: number;
  /** The client id the sandbox accepts; the OAuth window URI names it, as MX's names the partner's. */
  clientId: string;
  jobMs: number;
  challengeExpiryMs: number;
  /** REQUESTED → DEPOSITED after this long on the sandbox clock (MX: two minutes). */
  microDepositDelayMs?: number;
  statePath?: string;
  /** The sandbox's time (clock.ts); every job step, expiry and retry is timed by it. */
  clock: Clock;
  /** Told of the first state write that fails, so the sandbox can stop instead of serving state it cannot keep. */
  onWriteFailure?: (failure: Error) => void;
}

function load(path: string): SandboxState | null {
  try {
    return loadState(path);
  } catch (error) {
    throw fileFailure('read its state from', path, error, 'MX_IAV_CONFIG_DIR');
  }
}

/** Who hears of member changes as they happen (the webhook emitter); the App itself knows nothing of webhooks. */
export interface MemberObserver {
  step(notice: StepNotice): void;
  member(action: MemberAction, member: StoredMember, callbackPayload: string | null): void;
}

export type MemberAction = 'created' | 'updated' | 'deleted';

/** The sandbox's data and clock: what every route handler works on. */
export class App implements Engine {
  state: SandboxState;
  random: Random;
  readonly jobMs: number;
  readonly challengeExpiryMs: number;
  readonly clientId: string;
  readonly microDeposits: MicroDepositTable;
  /** Set once the server listens; the OAuth window URI points back at it. */
  url = '';
  /** Set by the sandbox once its webhooks exist; null in an App used on its own. */
  observer: MemberObserver | null = null;
  /** The state as last written, so a flush writes only when something changed, whatever the handler did. */
  private saved: string | null = null;
  /** The state file as this process last read or wrote it (stateSignature), to see another process's save. */
  private seen: string | null = null;

  constructor(private readonly options: AppOptions) {
    const seeded = Random.seeded(options.seed);
    this.seen = options.statePath ? stateSignature(options.statePath) : null;
    const loaded = options.statePath ? load(options.statePath) : null;
    // A resumed state continues its own random sequence, so a seeded sandbox never re-mints a stored guid.
    this.state = loaded ?? emptyState(seeded.snapshot);
    this.random = new Random(this.state.rngState);
    // A state read from the file is not written back unchanged: a read-only run beside another would otherwise
    // put back what it read over what the other saved meanwhile.
    this.saved = loaded ? JSON.stringify(loaded) : null;
    this.jobMs = options.jobMs;
    this.challengeExpiryMs = options.challengeExpiryMs;
    this.clientId = options.clientId;
    options.clock.resume(this.state.clockOffsetMs ?? 0);
    this.microDeposits = new MicroDepositTable(this.state.microDeposits ?? [], options.microDepositDelayMs ?? 120_000);
  }

  now(): number {
    return this.options.clock.now();
  }

  get clock(): Clock {
    return this.options.clock;
  }

  onStep(notice: StepNotice): void {
    this.observer?.step(notice);
  }

  /** A member was created, updated or deleted through the API; the request's X-CALLBACK-PAYLOAD goes with it. */
  memberChanged(action: MemberAction, member: StoredMember, callbackPayload: string | null): void {
    this.observer?.member(action, member, callbackPayload);
  }

  /**
   * Takes up the state another process saved since this one last read or wrote the file (two runs on one profile's
   * built-in sandbox: `status --watch` beside a `resume`), so one run's writes are visible to the other's reads.
   * The server calls it before every request.
   */
  refresh(): void {
    const path = this.options.statePath;
    if (!path) return;
    const now = stateSignature(path);
    if (now === this.seen) return;
    const loaded = load(path);
    this.seen = now;
    if (!loaded) return;
    this.state = loaded;
    this.random = new Random(loaded.rngState);
    // The micro-deposits live in their own table, so they are taken up too; else the next flush writes back this
    // process's older list over the other's.
    this.microDeposits.replaceAll(loaded.microDeposits ?? []);
    // Time only moves forward: another process's advance is taken up, so this one's next save cannot undo it.
    this.options.clock.resume(loaded.clockOffsetMs ?? 0);
    this.saved = JSON.stringify(loaded);
  }

  /**
   * Persists whatever a request changed (including lazily applied job steps). The server calls it after every
   * request, and it compares the state with what it last wrote, so no handler has to remember to mark a change.
   */
  flush(): void {
    if (!this.options.statePath) return;
    this.state.rngState = this.random.snapshot;
    if (this.clock.offsetMs > 0) this.state.clockOffsetMs = this.clock.offsetMs;
    this.state.microDeposits = this.microDeposits.toJSON();
    const text = JSON.stringify(this.state);
    if (text === this.saved) return;
    try {
      saveState(this.options.statePath, text);
      this.seen = stateSignature(this.options.statePath);
    } catch (error) {
      const failure = fileFailure('write its state to', this.options.statePath, error, 'MX_IAV_CONFIG_DIR');
      this.options.onWriteFailure?.(failure);
      throw failure;
    }
    this.saved = text;
  }

  user(guid: string): User {
    const user = own(this.state.users, guid);
    if (!user) throw notFound();
    return user;
  }

  member(userGuid: string, memberGuid: string): StoredMember {
    this.user(userGuid);
    const member = own(this.state.members, memberGuid);
    if (!member || member.user_guid !== userGuid) throw notFound();
    return this.settled(member);
  }

  membersOf(userGuid: string): StoredMember[] {
    return Object.values(this.state.members).filter((m) => m.user_guid === userGuid).map((m) => this.settled(m));
  }

  allMembers(): StoredMember[] {
    return Object.values(this.state.members).map((m) => this.settled(m));
  }

  /** Applies every step (and micro-deposit status) that is due, read or not; true when any changed (state to write). */
  settleAll(): boolean {
    let changed = false;
    for (const member of Object.values(this.state.members)) changed = settle(this, member) || changed;
    return this.microDeposits.settleAll(this.now()) || changed;
  }

  private settled(member: StoredMember): StoredMember {
    settle(this, member);
    return member;
  }
}
