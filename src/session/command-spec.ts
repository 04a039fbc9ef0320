// Each command's options, arguments and lock, declared once as data: src/cli/register.ts turns them into commander
// commands, and the command module takes its options' type from the same declaration (OptionsOf), so a flag added,
// renamed or given a default changes both at once. Imports only types, so specs load without commander.
import type { CommandInput } from './command-kit.js';

export interface OptionSpec {
  /** As commander spells it: '--reveal', '--id <id>'; the property's name is the long flag's, camel-cased. */
  flags: string;
  description: string;
  default?: string | boolean;
  /** Listed in help and shell completion; checked unless `parse` is given, which then has the last word. */
  choices?: readonly string[];
  /** The variable commander reads when the flag is absent. */
  env?: string;
  parse?: (value: string) => unknown;
  /** Each use adds to a list (of the values as typed: not combined with `parse`). */
  repeatable?: true;
}

export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

type Kebab<S extends string> = S extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `-${Lowercase<First>}`}${Kebab<Rest>}`
  : S;
/** The flags a property may be spelt with: `pollInterval` is `--poll-interval`, with or without a value. */
type FlagsOf<Name extends string> = `--${Kebab<Name>}` | `--${Kebab<Name>} ${string}` | `--no-${Kebab<Name>}`;

type ValueOf<Spec> = Spec extends { repeatable: true }
  ? string[]
  : Spec extends { parse: (value: string) => infer Parsed }
    ? Parsed
    : Spec extends { choices: readonly (infer Choice)[] }
      ? Choice
      : Spec extends { flags: `${string}<${string}>` }
        ? string
        : Spec extends { flags: `${string}[${string}]` }
          ? string | true
          : boolean;

// Commander always sets an option with a default (or a --no- flag); any other is absent until given.
type AlwaysSet<Spec> = Spec extends { default: string | boolean } ? true : Spec extends { flags: `--no-${string}` } ? true : false;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The options object a command receives for `Spec`, as commander parses it. */
export type OptionsOf<Spec extends OptionsSpec> = Flatten<
  { -readonly [K in keyof Spec as AlwaysSet<Spec[K]> extends true ? K : never]: ValueOf<Spec[K]> } & {
    -readonly [K in keyof Spec as AlwaysSet<Spec[K]> extends true ? never : K]?: ValueOf<Spec[K]>;
  }
>;

/**
 * The options of either of two commands that share helpers (verify and resume): the shared ones as both have them,
 * the others optional, since the other command never sets them.
 */
export type EitherOptions<A, B> = Flatten<Partial<A & B> & Pick<A & B, keyof A & keyof B>>;

/**
 * Declares a set of options. A property whose flag is spelt otherwise is a type error (reported as the option being
 * `never`; src/cli/register.ts names it when the program is built).
 */
export function defineOptions<const Spec extends OptionsSpec>(spec: Spec & { [K in keyof Spec]: { flags: FlagsOf<K & string> } }): Spec {
  return spec;
}

export interface ArgumentSpec {
  /** '<action>' (required) or '[name]' (optional). */
  name: string;
  description: string;
  choices?: readonly string[];
  /** Replaces the choices' check (the command words its own usage error); the choices stay for help and completion. */
  parse?: (value: string) => string;
}

/** A property, not a method, so the module's `run` is checked to take every options object the spec can give. */
export interface CommandModule<Options> {
  run: (input: CommandInput<Options>) => Promise<void>;
}

export interface CommandSpec<Spec extends OptionsSpec> {
  name: string;
  description: string;
  arguments?: readonly ArgumentSpec[];
  options?: Spec;
  /**
   * Whether the command takes the profile's lock before it sends anything to MX. Commands that only read the profile
   * neither wait for nor block a run that changes it; a second run that changes it stops before doing anything.
   */
  lock: boolean;
  /** The module that runs it, loaded only when it runs (so `--help` stays fast); it may pick by the options given. */
  load(options: OptionsOf<Spec>): Promise<CommandModule<OptionsOf<Spec>>>;
  /** Subcommands under it (`sandbox advance`), each with its own action. */
  commands?: readonly CommandTree[];
}

/** A command as registered: its options' type is known only inside `run`, which commander's parse reaches. */
export interface DefinedCommand extends Omit<CommandSpec<OptionsSpec>, 'load' | 'options'> {
  options: OptionsSpec;
  run(input: CommandInput): Promise<void>;
}

/** A word that only groups subcommands (`micro-deposits create`): it has no action of its own. */
export interface GroupSpec {
  name: string;
  description: string;
  commands: readonly CommandTree[];
}

export type CommandTree = DefinedCommand | GroupSpec;

export function defineCommand<const Spec extends OptionsSpec = Record<never, OptionSpec>>(spec: CommandSpec<Spec>): DefinedCommand {
  const { load, options = {}, ...rest } = spec;
  return {
    ...rest,
    options,
    run: async (input) => {
      // The one place commander's untyped result meets its type: register.ts built the parser from these same options.
      const typed = input.options as OptionsOf<Spec>;
      const module = await load(typed);
      await module.run({ ...input, options: typed });
    },
  };
}

export function defineGroup(spec: GroupSpec): GroupSpec {
  return spec;
}

export const isGroup = (spec: CommandTree): spec is GroupSpec => !('run' in spec);
