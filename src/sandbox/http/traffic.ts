import { appendFileSync, fchmodSync, mkdirSync } from 'node:fs';
import { openAppend } from '../../store/safe-files.js';
import type { IncomingHttpHeaders } from 'node:http';
import { dirname } from 'node:path';
import type { ApiVersion } from '../../domain/api-versions.js';
import type { App } from '../bank/app.js';
import { redactRequest, redactResponse } from './redact.js';
import type { StatusChange } from '../bank/types.js';

const LOG_LIMIT = 10_000;

export interface SandboxStats {
  users: number;
  members: number;
  duplicate_user_ids: number;
  duplicate_member_ids: number;
  jobs: number;
  requests: {
    total: number;
    by_status: Record<string, number>;
    faults: { errors: number; throttled: number; resets: number };
  };
}

export type FaultKind = 'error' | 'throttle' | 'reset';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** null when the connection was reset instead of answered. */
  status: number | null;
  at: number;
  fault: FaultKind | null;
}

export interface MemberStatusChange extends StatusChange {
  member_guid: string;
  user_guid: string;
}

/** The request headers a recording keeps: the ones that choose a version and a body's type. Never Authorization. */
export type RecordedHeaders = Record<'accept' | 'accept-version' | 'content-type', string | null>;

export function recordedHeaders(headers: IncomingHttpHeaders): RecordedHeaders {
  const value = (name: string): string | null => {
    const raw = headers[name];
    return raw === undefined ? null : Array.isArray(raw) ? raw.join(', ') : raw;
  };
  return { accept: value('accept'), 'accept-version': value('accept-version'), 'content-type': value('content-type') };
}

/**
 * One recorded exchange, as the contract tests read it. Bank credentials and challenge answers are replaced and
 * account numbers cut to their last four digits before a line is written (redact.ts).
 */
export interface Exchange {
  /** The version the request was served as; null when it was refused with 406 for its (missing) Accept-Version. */
  apiVersion: ApiVersion | null;
  method: string;
  path: string;
  /** A repeated key keeps its values as an array. */
  query: Record<string, string | string[]>;
  requestHeaders: RecordedHeaders;
  status: number;
  requestContentType: string | null;
  requestBody: unknown;
  responseContentType: string | null;
  responseBody: unknown;
  fault: 'error' | 'throttle' | null;
}

/** What the sandbox saw: counters for stats, an in-process log for benchmarks, and the optional recording. */
export class Traffic {
  private readonly log: RequestLogEntry[] = [];
  private readonly byStatus: Record<string, number> = {};
  private readonly faults = { errors: 0, throttled: 0, resets: 0 };

  /** `now` is the sandbox's clock, so request times line up with the status changes they are compared with. */
  constructor(
    private recordPath: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (!recordPath) return;
    // 0600 like the sandbox's state: the exchanges are the user's test data, even with the secrets taken out.
    // Opened once, never through a planted link or into a FIFO (src/store/safe-files.ts); appended to by this fd.
    mkdirSync(dirname(recordPath), { recursive: true });
    this.recordFd = openAppend(recordPath);
    fchmodSync(this.recordFd, 0o600);
  }

  private recordFd: number | undefined;

  note(method: string, path: string, status: number | null, fault: FaultKind | null): void {
    this.log.push({ method, path, status, at: this.now(), fault });
    // A long-running `mx-iav sandbox` must not grow without bound; benchmarks read far fewer than this.
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    if (status !== null) this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (fault === 'error') this.faults.errors += 1;
    if (fault === 'throttle') this.faults.throttled += 1;
    if (fault === 'reset') this.faults.resets += 1;
  }

  record(exchange: Exchange): void {
    if (!this.recordPath) return;
    try {
      const line = { ...exchange, requestBody: redactRequest(exchange.requestBody), responseBody: redactResponse(exchange.responseBody) };
      appendFileSync(this.recordFd ?? this.recordPath, `${JSON.stringify(line)}\n`);
    } catch (error) {
      // Recording serves the contract tests; serving MX's answers matters more than keeping the record.
      process.stderr.write(`mx-iav sandbox: recording stopped: ${error instanceof Error ? error.message : String(error)}\n`);
      this.recordPath = undefined;
    }
  }

  requests(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  stats(app: App): SandboxStats {
    const members = app.allMembers();
    return {
      users: Object.keys(app.state.users).length,
      members: members.length,
      duplicate_user_ids: countShared(Object.values(app.state.users).map((u) => (u.id ? u.id : null))),
      duplicate_member_ids: countShared(members.map((m) => (m.id ? `${m.user_guid}\0${m.id}` : null))),
      jobs: app.state.jobsStarted,
      requests: { total: this.log.length, by_status: { ...this.byStatus }, faults: { ...this.faults } },
    };
  }
}

/** How many entries share their (non-null) key with at least one other entry. */
function countShared(keys: (string | null)[]): number {
  const counts = new Map<string, number>();
  for (const k of keys) if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.values()].filter((n) => n > 1).reduce((a, n) => a + n, 0);
}

export function statusChanges(app: App): MemberStatusChange[] {
  return app
    .allMembers()
    .flatMap((m) => m.history.map((h) => ({ member_guid: m.guid, user_guid: m.user_guid, ...h })))
    .sort((a, b) => a.at - b.at);
}
