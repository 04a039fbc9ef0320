// A Progress for flow tests: it prints nothing and keeps every call, in order, for the test to read.
import type { Progress } from '../../src/flow/ports.js';

export type ProgressEvent =
  | { type: 'info' | 'success' | 'warn'; message: string }
  | { type: 'startWaiting'; label: string }
  | { type: 'updateWaiting'; status: string | null; elapsedMs: number }
  | { type: 'stopWaiting' };

export function createRecordingProgress(): Progress & { events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return {
    events,
    info: (message) => void events.push({ type: 'info', message }),
    success: (message) => void events.push({ type: 'success', message }),
    warn: (message) => void events.push({ type: 'warn', message }),
    startWaiting: (label) => void events.push({ type: 'startWaiting', label }),
    updateWaiting: (status, elapsedMs) => void events.push({ type: 'updateWaiting', status, elapsedMs }),
    stopWaiting: () => void events.push({ type: 'stopWaiting' }),
  };
}
