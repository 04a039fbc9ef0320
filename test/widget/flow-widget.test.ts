import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import type { LinkOccasion, WidgetDeps, WidgetLinkPort } from '../../src/flow/widget-link.js';
import { resumeInWidget, runWidgetVerification, type WidgetOptions } from '../../src/flow/widget.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { fastClock, memoryStore } from '../helpers/flow-deps.js';
import { createRecordingProgress } from '../helpers/recording-progress.js';
import { waitFor } from '../helpers/wait-for.js';
import { createMxClient } from '../../src/mx/client.js';
import { customer, recordingMints, type Customer } from './flow-customer.js';

// The widget flow against the real sandbox; the customer acts through the sandbox's MX API when a link is shown.
let sandbox: Sandbox;
let person: Customer;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 16 });
  person = customer(sandbox);
});
afterAll(async () => {
  person.close();
  await sandbox.close();
});

const options: WidgetOptions = { timeoutMs: 20_000, firstPollDelayMs: 0, pollIntervalMs: 10, linkLifetimeMs: 10 * 60_000 };

interface Shown {
  url: string;
  occasion: LinkOccasion;
}

/** `onShow` is the customer, acting on the n-th link shown (what it returns is awaited); `asks` makes the port a terminal's (Enter for a new link). */
function setup(onShow: (shown: Shown, index: number, userGuid: string) => Promise<unknown> | void, { asks = false, store = memoryStore(), apiVersion = 'v20250224' as ApiVersion } = {}) {
  const real = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, apiVersion });
  const { client, requests } = recordingMints(real);
  const progress = createRecordingProgress();
  const shown: Shown[] = [];
  const pressEnter: (() => void)[] = [];
  const link: WidgetLinkPort = {
    async show(url, occasion) {
      shown.push({ url, occasion });
      // What the customer does before the flow reads again is awaited: the test never races the link's lifetime.
      await onShow({ url, occasion }, shown.length - 1, store.state.user_guid ?? '');
    },
    ...(asks && {
      waitForRequest: (signal: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          pressEnter.push(resolve);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    }),
  };
  const deps: WidgetDeps = { client, progress, store, clock: fastClock, link };
  return { deps, progress, shown, requests, store, pressEnter: () => pressEnter.at(-1)?.(), close: () => real.close() };
}

const labels = (events: ReturnType<typeof createRecordingProgress>['events']) =>
  events.flatMap((event) => (event.type === 'startWaiting' ? [event.label] : []));

const REFUSED = 'MX Bank did not accept the sign-in; waiting for the customer to try again in the widget';
const ANSWERING = "The customer is answering MX Bank's question in the widget";
/** The customer acts on once the flow has seen where they are, as a person reading the widget would. */
const flowSays = (run: { progress: ReturnType<typeof createRecordingProgress> }, label: string) =>
  waitFor(() => labels(run.progress.events).includes(label), run.progress.changes, { what: `the flow to say "${label}"` });
const refusalSeen = (run: { progress: ReturnType<typeof createRecordingProgress> }) => flowSays(run, REFUSED);

describe('verify --widget (flow)', () => {
  it.each(['v20250224', 'v20111101'] as const)('finds the member the customer makes and reads its numbers (%s)', async (apiVersion) => {
    const run = setup((_shown, _index, user) => void person.signIn(user, 'good').then((member) => person.answer(user, member, 'correct')), { apiVersion });
    const result = await runWidgetVerification(run.deps, options);
    run.close();
    expect(result.account_numbers.length).toBeGreaterThan(0);
    expect(result.institution.code).toBe('mxbank');
    expect(run.store.state).toMatchObject({ member_guid: result.member_guid, step: 'done', institution_code: 'mxbank' });
    expect(run.shown.map((s) => s.occasion)).toEqual(['first']);
    expect(run.shown[0]?.url).toMatch(new RegExp(`^${sandbox.url}/?widget/connect/`));
    expect(labels(run.progress.events)[0]).toBe('Waiting for the customer to open the link and choose their bank');
    expect(run.progress.events).toContainEqual({ type: 'success', message: `The customer chose MX Bank: member ${result.member_guid}` });
  });

  it('says the customer is answering a question, and follows it to the end', async () => {
    const run = setup((_shown, _index, user) => {
      void person.signIn(user, 'challenge').then(async (member) => {
        await flowSays(run, ANSWERING);
        await person.answer(user, member, 'correct');
      });
    });
    const result = await runWidgetVerification(run.deps, options);
    run.close();
    expect(result.connection_status).toBe('CONNECTED');
    expect(labels(run.progress.events)).toContain(ANSWERING);
  });

  it('waits while the customer corrects a wrong password in the widget', async () => {
    const run = setup((_shown, _index, user) => {
      void person.signIn(user, 'INVALID').then(async (member) => {
        await refusalSeen(run);
        await person.retry(user, member, 'good');
      });
    });
    const result = await runWidgetVerification(run.deps, options);
    run.close();
    expect(result.connection_status).toBe('CONNECTED');
    expect(labels(run.progress.events)).toContain('MX Bank did not accept the sign-in; waiting for the customer to try again in the widget');
  });

  it('follows the member at another bank when the refused customer goes back and chooses it', async () => {
    const run = setup((_shown, _index, user) => {
      void person.signIn(user, 'INVALID').then(async () => {
        await refusalSeen(run);
        const other = await person.signIn(user, 'good', 'evergreen_fcu');
        await person.answer(user, other, 'correct');
      });
    });
    const result = await runWidgetVerification(run.deps, options);
    run.close();
    expect(result.institution.code).toBe('evergreen_fcu');
    expect(run.store.state).toMatchObject({ member_guid: result.member_guid, institution_code: 'evergreen_fcu', step: 'done' });
    expect(run.progress.events).toContainEqual({ type: 'success', message: `The customer chose Evergreen Federal Credit Union instead: member ${result.member_guid}` });
  });

  it('opens the widget on the institution given, and keeps the member it saw when the bank refuses', async () => {
    const run = setup((_shown, _index, user) => void person.signIn(user, 'LOCKED'));
    const error = await runWidgetVerification(run.deps, { ...options, institutionCode: 'mxbank', owner: true, colorScheme: 'dark' }).catch((caught) => caught);
    run.close();
    expect(run.requests[0]?.request).toMatchObject({ institutionCode: 'mxbank', owner: true, colorScheme: 'dark' });
    expect(error.exitCode).toBe(5);
    expect(run.store.state.member_guid).toMatch(/^MBR-/);
    expect(run.store.state.step).toBe('failed');
  });

  it('under --no-input, makes a new link once the old one\'s lifetime is over, and says so', async () => {
    const run = setup(async (_shown, index, user) => {
      if (index !== 2) return;
      const member = await person.signIn(user, 'good');
      void person.answer(user, member, 'correct');
    });
    const result = await runWidgetVerification(run.deps, { ...options, linkLifetimeMs: 40 });
    run.close();
    expect(result.account_numbers.length).toBeGreaterThan(0);
    expect(run.shown.map((s) => s.occasion)).toEqual(['first', 'expired', 'expired']);
    expect(run.progress.events).toContainEqual({ type: 'warn', message: 'The link expired after 0 seconds with nothing seen of the customer; here is a new one.' });
  });

  it('in a terminal, says the link expired and makes a new one only when Enter is pressed', async () => {
    const run = setup(async (_shown, index, user) => {
      if (index !== 1) return;
      const member = await person.signIn(user, 'good');
      void person.answer(user, member, 'correct');
    }, { asks: true });
    const warned = new Promise<void>((resolve) => {
      const original = run.deps.progress.warn;
      run.deps.progress.warn = (message) => (original(message), resolve());
    });
    const running = runWidgetVerification(run.deps, { ...options, linkLifetimeMs: 40 });
    await warned;
    expect(run.shown).toHaveLength(1);
    run.pressEnter();
    const result = await running;
    run.close();
    expect(result.account_numbers.length).toBeGreaterThan(0);
    expect(run.shown.map((s) => s.occasion)).toEqual(['first', 'asked']);
    expect(run.progress.events).toContainEqual({ type: 'warn', message: 'The link has expired (each works once, for 0 seconds). Press Enter for a new one.' });
  });

  it('ends with exit 7 (timeout) when the customer never comes, naming what was waited for', async () => {
    const run = setup(() => undefined);
    const error = await runWidgetVerification(run.deps, { ...options, timeoutMs: 150 }).catch((caught) => caught);
    run.close();
    expect(error.exitCode).toBe(7);
    expect(error.message).toBe('The customer had not chosen a bank after 0 seconds.');
    expect(run.store.state.member_guid).toBeUndefined();
  });
});

describe('resume --widget (flow)', () => {
  async function challengedMember() {
    const store = memoryStore();
    const user = await person.client.createUser({ id: `widget-resume-${Math.random()}` });
    const member = await person.signIn(user.guid, 'challenge');
    // jobMs 0: each read brings the job to its next stop.
    for (let i = 0; i < 20 && (await person.client.readMemberStatus(user.guid, member)).connection_status !== 'CHALLENGED'; i++);
    store.update({ user_guid: user.guid, member_guid: member, institution_code: 'mxbank', step: 'challenged' });
    return { store, user: user.guid, member };
  }

  it('reopens the widget on a challenged member and follows it once the customer answers', async () => {
    const saved = await challengedMember();
    const run = setup(() => void person.answer(saved.user, saved.member, 'correct'), { store: saved.store });
    const result = await resumeInWidget(run.deps, options);
    run.close();
    expect(run.requests).toEqual([{ userGuid: saved.user, request: expect.objectContaining({ memberGuid: saved.member }) }]);
    expect(result.member_guid).toBe(saved.member);
    expect(result.connection_status).toBe('CONNECTED');
  });

  it('follows a member that does not need the customer without making a link', async () => {
    const saved = await challengedMember();
    await person.answer(saved.user, saved.member, 'correct');
    const run = setup(() => undefined, { store: saved.store });
    const result = await resumeInWidget(run.deps, options);
    run.close();
    expect(run.requests).toEqual([]);
    expect(result.connection_status).toBe('CONNECTED');
  });
});
