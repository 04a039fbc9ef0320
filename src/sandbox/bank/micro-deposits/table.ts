// The sandbox's micro-deposits: a Map by guid (never a plain object keyed by what a client sends), kept in the
// state file as a list.
import type { MicroDepositStatus } from '../../../domain/micro-deposits.js';

export interface StoredMicroDeposit {
  guid: string;
  user_guid: string;
  status: MicroDepositStatus;
  error_message: string | null;
  account_number: string | null;
  account_type: string | null;
  account_name: string | null;
  routing_number: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  /** Sandbox clock, ms. */
  created_at: number;
  updated_at: number;
  verified_at: number | null;
  /** Wrong pairs of amounts so far; the third makes it PREVENTED. */
  failed_attempts: number;
}

/** Statuses in which a micro-deposit holds its account: a second request for that account is CONFLICTED. */
const HOLDS_ACCOUNT: ReadonlySet<string> = new Set(['INITIATED', 'REQUESTED', 'DEPOSITED', 'DENIED', 'VERIFIED']);

export type MicroDepositAction = 'created' | 'updated';

export class MicroDepositTable {
  private readonly rows = new Map<string, StoredMicroDeposit>();
  /** Told of every create and status change as it happens (the webhooks' MICRODEPOSITS); null in an App alone. */
  onChange: ((row: StoredMicroDeposit, action: MicroDepositAction) => void) | null = null;

  constructor(
    saved: readonly StoredMicroDeposit[],
    /** How long REQUESTED takes to become DEPOSITED (MX's integration environment: two minutes). */
    private readonly delayMs: number,
  ) {
    for (const row of saved) this.rows.set(row.guid, row);
  }

  add(row: StoredMicroDeposit): void {
    this.rows.set(row.guid, row);
    this.onChange?.(row, 'created');
  }

  /** MX: "Webhooks for microdeposit status changes are triggered when a status changes", so only those are told. */
  update(row: StoredMicroDeposit, changes: Partial<StoredMicroDeposit>): void {
    const before = row.status;
    Object.assign(row, changes);
    if (row.status !== before) this.onChange?.(row, 'updated');
  }

  /** Brings every micro-deposit up to `now`, read or not, so a DEPOSITED nobody asks for is still told on time. */
  settleAll(now: number): boolean {
    let changed = false;
    for (const row of this.rows.values()) changed = this.settle(row, now) || changed;
    return changed;
  }

  /** With its status brought up to `now`: each read is MX's "force a status update" (spec line 3462). */
  get(guid: string, now: number): StoredMicroDeposit | undefined {
    const row = this.rows.get(guid);
    if (row) this.settle(row, now);
    return row;
  }

  ofUser(userGuid: string, now: number): StoredMicroDeposit[] {
    return [...this.rows.values()].filter((row) => row.user_guid === userGuid).map((row) => (this.settle(row, now), row));
  }

  delete(guid: string): boolean {
    return this.rows.delete(guid);
  }

  deleteOfUser(userGuid: string): void {
    for (const row of [...this.rows.values()]) if (row.user_guid === userGuid) this.rows.delete(row.guid);
  }

  /** An earlier micro-deposit that still holds this account (any user of the client). */
  holder(accountNumber: string, routingNumber: string): StoredMicroDeposit | undefined {
    return [...this.rows.values()].find((row) => row.account_number === accountNumber && row.routing_number === routingNumber && HOLDS_ACCOUNT.has(row.status));
  }

  /** How many different accounts this email already verifies or is verifying. */
  accountsOfEmail(email: string): number {
    const accounts = new Set<string>();
    for (const row of this.rows.values()) {
      if (row.email?.toLowerCase() === email.toLowerCase() && HOLDS_ACCOUNT.has(row.status)) accounts.add(`${row.routing_number}/${row.account_number}`);
    }
    return accounts.size;
  }

  /** Takes up the list another process saved (App.refresh), in place of this one's. */
  replaceAll(saved: readonly StoredMicroDeposit[]): void {
    this.rows.clear();
    for (const row of saved) this.rows.set(row.guid, row);
  }

  toJSON(): StoredMicroDeposit[] {
    return [...this.rows.values()];
  }

  /** INITIATED on the create's answer, REQUESTED from the next read, DEPOSITED once the delay has passed. */
  private settle(row: StoredMicroDeposit, now: number): boolean {
    const before = row.status;
    if (row.status === 'INITIATED' && now >= row.created_at) this.update(row, { status: 'REQUESTED', updated_at: now });
    const depositedAt = row.created_at + this.delayMs;
    if (row.status === 'REQUESTED' && now >= depositedAt) this.update(row, { status: 'DEPOSITED', updated_at: depositedAt });
    return row.status !== before;
  }
}
