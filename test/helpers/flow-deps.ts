import type { ApiVersion } from '../../src/domain/api-versions.js';
import type { Clock, FlowDeps, FlowState, Prompter, Store } from '../../src/flow/ports.js';
import { createMxClient } from '../../src/mx/client.js';
import { createRecordingProgress } from './recording-progress.js';

export type Question =
  | { kind: 'institution'; answer: string }
  | { kind: 'credentials'; answer: Record<string, string> }
  | { kind: 'challenge'; label?: string; answer: string }
  | { kind: 'confirm'; answer: boolean };

/** Answers from a script and fails on any question the script did not expect, so a wrong flow fails the test. */
export function scriptedPrompter(script: Question[]): Prompter & { asked: string[]; links: string[] } {
  const asked: string[] = [];
  const links: string[] = [];
  const next = (kind: Question['kind'], detail: string) => {
    asked.push(`${kind}: ${detail}`);
    const question = script.shift();
    if (!question || question.kind !== kind) throw new Error(`Unexpected ${kind} question (${detail}); script had ${question?.kind ?? 'nothing'}`);
    return question;
  };
  return {
    asked,
    links,
    async sendToBank(uri) {
      links.push(uri);
    },
    async chooseInstitution(search) {
      const question = next('institution', '') as Extract<Question, { kind: 'institution' }>;
      const page = await search(question.answer, 1);
      const found = page.items.find((institution) => institution.code === question.answer);
      if (!found) throw new Error(`search for ${question.answer} did not list it`);
      return found;
    },
    async askCredentials(_institution, fields) {
      const question = next('credentials', fields.map((field) => field.field_name).join(',')) as Extract<Question, { kind: 'credentials' }>;
      return fields.map((field) => ({ guid: field.guid ?? '', value: question.answer[field.field_name ?? ''] ?? '' }));
    },
    async answerChallenge(challenge) {
      const question = next('challenge', challenge.label ?? '') as Extract<Question, { kind: 'challenge' }>;
      if (question.label && question.label !== challenge.label) throw new Error(`Expected challenge "${question.label}", got "${challenge.label}"`);
      if (question.answer === 'first') return challenge.options?.[0]?.value ?? '';
      return question.answer;
    },
    async confirm(message) {
      return (next('confirm', message) as Extract<Question, { kind: 'confirm' }>).answer;
    },
  };
}

export function memoryStore(initial: FlowState = {}): Store & { state: FlowState } {
  const holder = { state: { ...initial } };
  return {
    get state() {
      return holder.state;
    },
    read: () => ({ ...holder.state }),
    update: (patch) => (holder.state = { ...holder.state, ...patch }),
    forget: (keys) => {
      const next = { ...holder.state };
      for (const key of keys) delete next[key];
      holder.state = next;
    },
  };
}

export const fastClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, Math.min(ms, 20));
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  }),
};

/** `apiVersion`: the version the client speaks (default: the client's default, v20250224). */
export function flowDeps(sandbox: { url: string; clientId: string; apiKey: string }, script: Question[], store = memoryStore(), apiVersion?: ApiVersion) {
  const progress = createRecordingProgress();
  const prompter = scriptedPrompter(script);
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, ...(apiVersion ? { apiVersion } : {}) });
  const deps: FlowDeps = { client, prompter, progress, store, clock: fastClock };
  return { deps, progress, prompter, store, client };
}
