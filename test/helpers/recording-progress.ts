// A Progress for flow tests: it prints nothing and keeps every call, in order, for the test to read.
import type { Progress } from '../../src/flow/ports.js';
import type { Changes } from './wait-for.js';

export type ProgressEvent =
  | { type: 'info' | 'success' | 'warn'; message: string }
  | { type: 'startWaiting'; label: string }
  | { type: 'updateWaiting'; status: string | null; elapsedMs: number }
  | { type: 'stopWaiting' };

/** `changes` tells a waiting test of each call, so it can wait for the flow to have said something. */
export function createRecordingProgress(): Progress & { events: ProgressEvent[]; changes: Changes } {
  const events: ProgressEvent[] = [];
  const listeners = new Set<() => void>();
  const record = (event: ProgressEvent): void => {
    events.push(event);
    for (const listener of listeners) listener();
  };
  return {
    events,
    changes: (changed) => (listeners.add(changed), () => void listeners.delete(changed)),
    info: (message) => record({ type: 'info', message }),
    success: (message) => record({ type: 'success', message }),
    warn: (message) => record({ type: 'warn', message }),
    startWaiting: (label) => record({ type: 'startWaiting', label }),
    updateWaiting: (status, elapsedMs) => record({ type: 'updateWaiting', status, elapsedMs }),
    stopWaiting: () => record({ type: 'stopWaiting' }),
  };
}
