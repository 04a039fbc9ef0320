// The one place inquirer is called: every prompt gets the same {input, output, signal} context and the same
// cancel path, so stdout stays clean for --json and pipes, and Ctrl-C always means exit 130.
import { InterruptedError } from '../errors.js';

export interface PromptContext {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  signal?: AbortSignal;
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  disabled?: boolean | string;
}

export interface Prompts {
  /** `validate`: true, or the sentence shown under the prompt until the value passes. */
  input(message: string, options?: { required?: boolean; validate?: (value: string) => true | string }): Promise<string>;
  password(message: string): Promise<string>;
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  confirm(message: string, defaultAnswer: boolean): Promise<boolean>;
}

// Ctrl-C and end of input (ExitPromptError), the caller's AbortSignal (AbortPromptError) and cancel().
const CANCELLED = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

const required = (value: string) => value.trim() !== '' || 'Please enter a value.';

export function createPrompts(context: PromptContext): Prompts {
  // Loaded on first use: inquirer is the heaviest import and most runs never prompt.
  const load = () => import('@inquirer/prompts');
  const { input } = context;

  async function run<T>(prompt: (ctx: PromptContext) => Promise<T>): Promise<T> {
    const ended = watchForClosedInput(input);
    const signal = context.signal ? AbortSignal.any([context.signal, ended.signal]) : ended.signal;
    try {
      return await prompt({ input, output: context.output, signal });
    } catch (error) {
      if (error instanceof Error && CANCELLED.has(error.name)) throw new InterruptedError('Interrupted.');
      throw error;
    } finally {
      ended.dispose();
    }
  }

  return {
    input: (message, options) =>
      run(async (ctx) =>
        (await load()).input({ message, ...(options?.required !== false && { validate: options?.validate ?? required }) }, ctx),
      ),
    // Secrets are masked with '*' so nothing typed is echoed, and never kept beyond the return value.
    password: (message) => run(async (ctx) => (await load()).password({ message, mask: '*', validate: required }, ctx)),
    select: (message, choices) => run(async (ctx) => (await load()).select({ message, choices, pageSize: 10 }, ctx)),
    confirm: (message, defaultAnswer) =>
      run(async (ctx) => (await load()).confirm({ message, default: defaultAnswer }, ctx)),
  };
}

/**
 * inquirer never settles a prompt whose input closes (Ctrl-D closes its readline; a pipe can end): it waits for
 * process exit, which either exits 0 as if answered or, with a server still listening, hangs. So a pause that
 * lasts (readline pauses input when it closes) or an end aborts the prompt instead.
 */
function watchForClosedInput(input: NodeJS.ReadableStream) {
  const controller = new AbortController();
  let settled = false;
  const abort = () => {
    if (!settled) controller.abort(new Error('The input stream closed.'));
  };
  // readline pauses and resumes input around Ctrl-Z/fg, so only a pause still in effect a moment later counts.
  const onPause = () => setImmediate(() => input.isPaused() && abort());
  input.on('pause', onPause);
  input.on('end', abort);
  return {
    signal: controller.signal,
    dispose() {
      settled = true;
      input.removeListener('pause', onPause);
      input.removeListener('end', abort);
    },
  };
}
