import type { User } from '../mx/types.js';
import { type Engine, settle } from './jobs.js';
import { Random } from './random.js';
import { notFound } from './reply.js';
import { emptyState, loadState, saveState } from './state.js';
import type { SandboxState, StoredMember } from './types.js';

export interface AppOptions {
  seed?: number;
  jobMs: number;
  challengeExpiryMs: number;
  statePath?: string;
}

/** The sandbox's data and clock: what every route handler works on. */
export class App implements Engine {
  readonly state: SandboxState;
  readonly random: Random;
  readonly jobMs: number;
  readonly challengeExpiryMs: number;
  /** Set once the server listens; the OAuth window URI points back at it. */
  url = '';
  private dirty = false;

  constructor(private readonly options: AppOptions) {
    const seeded = Random.seeded(options.seed);
    const loaded = options.statePath ? loadState(options.statePath) : null;
    // A resumed state continues its own random sequence, so a seeded sandbox never re-mints a stored guid.
    this.state = loaded ?? emptyState(seeded.snapshot);
    this.random = new Random(this.state.rngState);
    this.jobMs = options.jobMs;
    this.challengeExpiryMs = options.challengeExpiryMs;
  }

  now(): number {
    return Date.now();
  }

  touch(): void {
    this.dirty = true;
  }

  /** Persists after a mutation (including lazily applied job steps). */
  flush(): void {
    if (!this.dirty || !this.options.statePath) return;
    this.state.rngState = this.random.snapshot;
    saveState(this.options.statePath, this.state);
    this.dirty = false;
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
    if (settle(this, member)) this.touch();
    return member;
  }
}
