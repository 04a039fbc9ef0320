// How a command is defined and handed its input. Imports nothing from the rest of mx-iav, so command files,
// the program and the session can all use it without import circles.
import type { Command } from 'commander';
import { invocationOf, type Invocation } from './invocation.js';
import type { Io } from './io.js';

export interface ProgramContext {
  signal: AbortSignal;
  /** Runs in place of every command's module (test/cli/options-table.test.ts): receives what the command would. */
  run?: (input: CommandInput) => Promise<void>;
  /** The run's streams, env and clock (src/session/io.ts): commands never reach for process.stdout or process.env. */
  io: Io;
}

export interface GlobalOptions {
  env?: string;
  baseUrl?: string;
  clientId?: string;
  apiKey?: string;
  apiVersion?: string;
  profile: string;
  json: boolean;
  input: boolean;
  /** Colour on stderr (messages, spinner, errors) and on stdout (tables): the same rule, each for its own stream. */
  color: boolean;
  stdoutColor: boolean;
  debug: boolean;
  /** The command being run ("verify"), named to a run refused the lock. */
  command?: string;
  /** Whether the command takes the profile's lock (its spec's `lock`, src/session/command-spec.ts); absent means yes. */
  lock?: boolean;
  /** How this run was invoked, for writing the commands hints name (src/session/invocation.ts). */
  invocation?: Invocation;
  /** The run's streams, env and clock (src/session/io.ts). */
  io: Io;
}

export interface CommandInput<Options = Record<string, unknown>> {
  globals: GlobalOptions;
  options: Options;
  args: string[];
  signal: AbortSignal;
  /** The whole command tree, for commands that describe it (completion). */
  root: Command;
}

/** Commander action for a defined command (src/session/command-spec.ts), which loads its module only when it runs. */
export function lazyAction(context: ProgramContext, defined: { lock: boolean; run: (input: CommandInput) => Promise<void> }) {
  return async (...received: unknown[]) => {
    const command = received.at(-1) as Command;
    const args = received.slice(0, -2).filter((value): value is string => typeof value === 'string');
    const options = command.opts();
    const run = context.run ?? defined.run;
    await run({ globals: { ...globalsOf(command, context.io), lock: defined.lock }, options, args, signal: context.signal, root: rootOf(command) });
  };
}

function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}

export function globalsOf(command: Command, io: Io): GlobalOptions {
  const options = command.optsWithGlobals<Record<string, unknown>>();
  return {
    env: options.env as string | undefined,
    baseUrl: options.baseUrl as string | undefined,
    clientId: options.clientId as string | undefined,
    apiKey: options.apiKey as string | undefined,
    apiVersion: options.apiVersion as string | undefined,
    profile: (options.profile as string | undefined) ?? 'default',
    json: options.json === true,
    input: options.input !== false,
    color: colorWanted(options.color !== false, io.env, io.stderr),
    stdoutColor: colorWanted(options.color !== false, io.env, io.stdout),
    debug: options.debug === true,
    // A subcommand of a group (micro-deposits create) is named with its group.
    command: command.parent?.parent ? `${command.parent.name()} ${command.name()}` : command.name(),
    invocation: invocationOf(rootOf(command), io.scriptPath, io.env),
    io,
  };
}

/**
 * The one colour rule, applied to each stream that is written to (stderr for messages, stdout for tables):
 * --no-color and NO_COLOR turn it off and win over anything; FORCE_COLOR decides when set ("0" and "false" off,
 * any other value on); else colour only when that stream is a terminal. chalk then paints at the level this gives.
 */
export function colorWanted(flag: boolean, env: Io['env'], stream: { isTTY?: boolean }): boolean {
  if (!flag || 'NO_COLOR' in env) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(stream.isTTY);
}
