import type { User } from '../mx/types.js';
import { fileFailure } from './failures.js';
import { type Engine, settle } from './jobs.js';
import { MicroDepositTable } from './micro-deposits/table.js';
import { Random } from './random.js';
import { notFound } from './reply.js';
import { emptyState, loadState, saveState } from './state.js';
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

/** The sandbox's data and clock: what every route handler works on. */
export class App implements Engine {
  readonly state: SandboxState;
  readonly random: Random;
  readonly jobMs: number;
  readonly challengeExpiryMs: number;
  readonly clientId: string;
  readonly microDeposits: MicroDepositTable;
  /** Set once the server listens; the OAuth window URI points back at it. */
  url = '';
  /** The state as last written, so a flush writes only when something changed, whatever the handler did. */
  private saved: string | null = null;

  constructor(private readonly options: AppOptions) {
    const seeded = Random.seeded(options.seed);
    const loaded = options.statePath ? load(options.statePath) : null;
    // A resumed state continues its own random sequence, so a seeded sandbox never re-mints a stored guid.
    this.state = loaded ?? emptyState(seeded.snapshot);
    this.random = new Random(this.state.rngState);
    this.jobMs = options.jobMs;
    this.challengeExpiryMs = options.challengeExpiryMs;
    this.clientId = options.clientId;
    this.microDeposits = new MicroDepositTable(this.state.microDeposits ?? [], options.microDepositDelayMs ?? 120_000);
  }

  now(): number {
    return Date.now();
  }

  /**
   * Persists whatever a request changed (including lazily applied job steps). The server calls it after every
   * request, and it compares the state with what it last wrote, so no handler has to remember to mark a change.
   */
  flush(): void {
    if (!this.options.statePath) return;
    this.state.rngState = this.random.snapshot;
    this.state.microDeposits = this.microDeposits.toJSON();
    const text = JSON.stringify(this.state);
    if (text === this.saved) return;
    try {
      saveState(this.options.statePath, text);
    } catch (error) {
      const failure = fileFailure('write its state to', this.options.statePath, error, 'MX_IAV_CONFIG_DIR');
      this.options.onWriteFailure?.(failure);
      throw failure;
    }
    this.saved = text;
  }

  user(guid: string): User {
    const user = this.state.users[guid];
    if (!user) throw notFound();
    return user;
  }

  member(userGuid: string, memberGuid: string): StoredMember {
    this.user(userGuid);
    const member = this.state.members[memberGuid];
    if (!member || member.user_guid !== userGuid) throw notFound();
    return this.settled(member);
  }

  membersOf(userGuid: string): StoredMember[] {
    return Object.values(this.state.members).filter((m) => m.user_guid === userGuid).map((m) => this.settled(m));
  }

  allMembers(): StoredMember[] {
    return Object.values(this.state.members).map((m) => this.settled(m));
  }

  private settled(member: StoredMember): StoredMember {
    settle(this, member);
    return member;
  }
}
