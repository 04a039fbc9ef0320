import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 15: no test sleeps on a timer to wait for the sandbox. A test moves the sandbox's clock
// (`sandbox.advance`, `POST /_sandbox/clock/advance`) or waits for an event (test/helpers/wait-for.ts: a webhook
// arriving, a line printed, a file written, the sandbox logging a delivery). A timer that waits for nothing the
// sandbox does is listed here with why, and with how many it may hold, so a new one in the same file fails too.

const TEST = fileURLToPath(new URL('..', import.meta.url));

/** A timer call, a promisified sleep, or a poll that hides one (vitest's expect.poll and vi.waitFor). */
const TIMER = /\bset(?:Timeout|Interval)\s*\(|node:timers\/promises|\bsleep\s*[:=(]|\bexpect\.poll\s*\(|\bvi\.wait(?:For|Until)\s*\(/g;

const ALLOWED: Readonly<Record<string, { count: number; why: string }>> = {
  'helpers/spawn-cli.ts': { count: 1, why: 'kills a child that outlives its timeoutMs: a guard, nothing waits on it' },
  'helpers/run-cli.ts': { count: 2, why: 'aborts an in-process run that outlives its timeoutMs, then stops waiting for it: guards' },
  'store/lock.test.ts': { count: 1, why: 'the code of a child that only stays alive (a live lock holder), not a wait' },
  'oauth/helpers.ts': { count: 1, why: 'kills a hung child after 45 s: a guard' },
  'widget/cli-run.ts': { count: 1, why: 'kills a hung child after 45 s: a guard' },
  'hints/fifo-stdin.test.ts': { count: 1, why: 'kills a child stuck on its FIFO: a guard' },
  'store/config-input.test.ts': {
    count: 4,
    why: 'two kill guards; a stdin trickle paced at 20 ms (the pipe must still be busy at Ctrl-C); a poll of how many trickled bytes got through, which no event tells',
  },
  'helpers/stepping-clock.ts': { count: 1, why: "a run's clock whose sleep takes no time: it moves the clock on instead of waiting" },
  'helpers/flow-deps.ts': { count: 2, why: "the flow's own injected clock: its polls wait at most 20 ms; the flow under test waits, not the test" },
  'helpers/scripted-server.ts': { count: 1, why: 'a scripted reply delayed as told: the latency is what the client under test meets' },
  'webhooks/sandbox-receiver.ts': { count: 1, why: "a receiver slow to answer, as the test plays it: the sandbox's timeout is what is tested" },
  'webhooks/sandbox-delivery.test.ts': { count: 1, why: 'a receiver that trickles its body forever: the sandbox must time it out' },
  'reliability/canaries.test.ts': { count: 1, why: 'a trap server that drops each connection 200 ms on: what is sent to it is the point' },
  'webhooks/sandbox-admin.ts': {
    count: 1,
    why: 'remoteLogWhen: the webhook log of `mx-iav sandbox` in another process, which sends no event when it records an answer',
  },
  'ui/helpers/fake-terminal.ts': { count: 1, why: "an in-process prompt's screen, no sandbox behind it" },
  'ui/progress.test.ts': { count: 3, why: 'a mocked spinner in this process, no sandbox behind it' },
  'oauth/oauth-browser.test.ts': { count: 1, why: "a headless browser's page title, which the browser tells by no event" },
  'widget/page-access.test.ts': { count: 4, why: "a headless browser's focus and navigation, which the browser tells by no event" },
  'bench/sandbox.mjs': { count: 1, why: 'the benchmark, not a test: kills a host that does not stop' },
  'bench/webhooks.mjs': { count: 2, why: 'the benchmark, not a test: a slow receiver it measures, and a poll of the log it times' },
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** The code of a file without its comments, roughly: enough that a comment naming setTimeout is not counted. */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

export function timersIn(text: string): number {
  return code(text).match(TIMER)?.length ?? 0;
}

describe('the tests', () => {
  it('wait for events or move the sandbox clock; a timer only where the list says why', () => {
    const self = fileURLToPath(import.meta.url);
    const found = Object.fromEntries(
      files(TEST)
        .filter((file) => file !== self)
        .map((file) => [path.relative(TEST, file).split(path.sep).join('/'), timersIn(readFileSync(file, 'utf8'))] as const)
        .filter(([, count]) => count > 0),
    );
    const allowed = Object.fromEntries(Object.entries(ALLOWED).map(([file, { count }]) => [file, count]));
    expect(found).toEqual(allowed);
  });

  it('counts a timer, a promisified sleep and a hidden poll, but not a comment or a signal that bounds a wait', () => {
    expect(timersIn('await new Promise((r) => setTimeout(r, 25));')).toBe(1);
    expect(timersIn("import { setTimeout as delay } from 'node:timers/promises';")).toBe(1);
    expect(timersIn('const sleep = (ms) => 0; await expect.poll(() => x).toBe(1); await vi.waitFor(() => y);')).toBe(3);
    expect(timersIn('setInterval(() => tick(), 10);')).toBe(1);
    expect(timersIn('// never setTimeout(r, 25) here\n/* nor setTimeout( */')).toBe(0);
    expect(timersIn('waitFor(ready, changes, { signal: AbortSignal.timeout(10_000) });')).toBe(0);
  });
});
