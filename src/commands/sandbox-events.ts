// `mx-iav sandbox events`: the sandbox's webhook delivery log, each event with its attempts; `resend ID` queues
// one again (Stripe CLI's `events resend`).
import type { CommandInput } from '../session/command-kit.js';
import { UsageError } from '../errors.js';
import type { WebhookEvent } from '../mx/sandbox-admin.js';
import { sanitize } from '../ui/sanitize.js';
import { emit } from './output.js';
import { openSandboxTarget } from './sandbox-target.js';

/** "3 (last 500)", "1 (last 204)", "2 (last: connection refused)", "0". */
function attempts(event: WebhookEvent): string {
  const last = event.attempts.at(-1);
  if (!last) return '0';
  return `${event.attempts.length} (last ${last.status ?? `: ${sanitize(last.error)}`})`;
}

export function eventTable(events: WebhookEvent[]): string {
  if (events.length === 0) return 'No webhook events yet.';
  const rows = [
    ['EVENT', 'TYPE', 'ACTION', 'MEMBER', 'STATE', 'ATTEMPTS'],
    ...events.map((e) => [e.id, e.type, e.action ?? '-', e.member_guid ?? '-', e.state, attempts(e)].map((cell) => sanitize(cell))),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

export async function run({ globals }: CommandInput) {
  const target = await openSandboxTarget(globals, '`mx-iav sandbox events`');
  try {
    const events = await target.admin.events();
    emit(globals, { events }, () => eventTable(events));
  } finally {
    await target.close();
  }
}

export async function resend({ globals, args }: CommandInput) {
  const id = args[0];
  if (id === undefined) throw new UsageError('sandbox events resend takes an event id (WHK-...), as sandbox events lists them.');
  const target = await openSandboxTarget(globals, '`mx-iav sandbox events resend`');
  try {
    const event = await target.admin.resend(id);
    emit(globals, { event }, () => `Queued ${sanitize(event.id)} (${sanitize(event.type)}) again: ${sanitize(event.state)}.`);
  } finally {
    await target.close();
  }
}
