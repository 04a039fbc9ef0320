import type { EventEmitter } from 'node:events';
import { mkdirSync, watch } from 'node:fs';

// Issue 15: a test waits for what it is waiting for (a webhook arriving, a line printed, a log entry), told by an
// event, never by sleeping and looking again. test/architecture/no-sleeps.test.ts keeps it so.

/** Where changes come from: subscribes `changed` and answers how to unsubscribe. */
export type Changes = (changed: () => void) => () => void;

export interface WaitOptions {
  /** What is awaited, named in the failure; a function is asked then, so it can show what was seen by that time. */
  what?: string | (() => string);
  /**
   * Ends the wait as a failure naming `what`. By default 10 s: a guard that turns a change that never comes into a
   * named failure before the test's own timeout, not a time the test waits out.
   */
  signal?: AbortSignal;
}

/** The changes of these events of an emitter (a receiver's 'request', a stream's 'data', a child's 'exit'). */
export function onEvents(emitter: EventEmitter, ...events: string[]): Changes {
  return (changed) => {
    for (const event of events) emitter.on(event, changed);
    return () => {
      for (const event of events) emitter.off(event, changed);
    };
  };
}

/**
 * Changes to the files under `dir`: what another process writes (a profile, an opener's log). A missing `dir` is
 * made first, private as mx-iav makes its own, so there is something to watch before the process gets to it.
 */
export function onFileChanges(dir: string): Changes {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return (changed) => {
    const watcher = watch(dir, { recursive: true }, () => changed());
    return () => watcher.close();
  };
}

/** The data a pseudo-terminal shows (node-pty's onData). */
export function onPtyData(term: { onData(listener: (data: string) => void): { dispose(): void } }): Changes {
  return (changed) => {
    const subscription = term.onData(() => changed());
    return () => subscription.dispose();
  };
}

/** All of these sources' changes as one. */
export function anyOf(...sources: Changes[]): Changes {
  return (changed) => {
    const stops = sources.map((source) => source(changed));
    return () => stops.forEach((stop) => stop());
  };
}

/** The first value `ready()` gives that is not false, null or undefined: asked at once, then after every change. */
export function waitFor<T>(ready: () => T | false | null | undefined, changes: Changes, options: WaitOptions = {}): Promise<T> {
  const { what = 'the condition', signal = AbortSignal.timeout(10_000) } = options;
  return new Promise<T>((resolve, reject) => {
    let stop: (() => void) | null = null;
    const finish = (): void => {
      stop?.();
      signal.removeEventListener('abort', abort);
    };
    function abort(): void {
      finish();
      reject(new Error(`Waited in vain for ${typeof what === 'function' ? what() : what}.`, { cause: signal.reason }));
    }
    const check = (): void => {
      try {
        const value = ready();
        if (value === false || value === null || value === undefined) return;
        finish();
        resolve(value);
      } catch (error) {
        finish();
        reject(error);
      }
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort);
    stop = changes(check);
    check();
  });
}

/**
 * As waitFor, for a condition that must ask (the sandbox's webhook log over its admin route): asked at once, then
 * after every change; a change during an ask is not lost, it asks again.
 */
export async function waitForAsync<T>(ready: () => Promise<T | false | null | undefined>, changes: Changes, options: WaitOptions = {}): Promise<T> {
  const { what = 'the condition', signal = AbortSignal.timeout(10_000) } = options;
  for (;;) {
    let changed = false;
    const done = new AbortController();
    const next = waitFor(() => changed || null, (tell) => changes(() => ((changed = true), tell())), { what, signal: AbortSignal.any([signal, done.signal]) });
    next.catch(() => undefined);
    const value = await ready();
    if (value !== false && value !== null && value !== undefined) {
      done.abort();
      return value;
    }
    try {
      await next;
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
}
