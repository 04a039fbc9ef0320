// The options' type follows from their declaration (checked by tsc, as `npm run lint` runs it over test/), and a
// property named otherwise than its flag is refused when the program is built.
import { Command } from 'commander';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { registerCommands } from '../../src/cli/register.js';
import { verifyOptions } from '../../src/commands/specs/guide.js';
import { defineCommand, defineOptions, type OptionsOf } from '../../src/session/command-spec.js';
import { memoryIo } from '../helpers/memory-io.js';

const context = { signal: new AbortController().signal, io: memoryIo() };

describe('OptionsOf', () => {
  it('types each kind of option as commander fills it', async () => {
    const options = defineOptions({
      plain: { flags: '--plain', description: 'a bare flag' },
      off: { flags: '--off', description: 'a bare flag with its default', default: false },
      value: { flags: '--value <text>', description: 'a value' },
      given: { flags: '--given <text>', description: 'a value with its default', default: '5m' },
      many: { flags: '--many <text>', description: 'repeatable', repeatable: true },
      picked: { flags: '--picked <word>', description: 'choices', choices: ['light', 'dark'] },
      parsed: { flags: '--parsed <n>', description: 'parsed', parse: (text: string) => Number(text) },
    });
    expectTypeOf<OptionsOf<typeof options>>().toEqualTypeOf<{
      plain?: boolean;
      off: boolean;
      value?: string;
      given: string;
      many?: string[];
      picked?: 'light' | 'dark';
      parsed?: number;
    }>();
    let received: unknown;
    const command = defineCommand({ name: 'x', description: 'x', options, lock: false, load: async () => ({ run: async () => {} }) });
    const program = new Command().exitOverride();
    registerCommands(program, [command], { ...context, run: async (input) => void (received = input.options) });
    await program.parseAsync(['x', '--plain', '--value', 'v', '--many', 'a', '--many', 'b', '--picked', 'dark', '--parsed', '3'], { from: 'user' });
    expect(received).toStrictEqual({ plain: true, off: false, value: 'v', given: '5m', many: ['a', 'b'], picked: 'dark', parsed: 3 });
    expectTypeOf<OptionsOf<typeof verifyOptions>['colorScheme']>().toEqualTypeOf<'light' | 'dark' | undefined>();
    expectTypeOf<OptionsOf<typeof verifyOptions>['timeout']>().toEqualTypeOf<string>();
  });

  it('refuses a property spelt otherwise than its flag, at compile time and when registered', () => {
    // @ts-expect-error the property `ident` is not the flag `--id`
    const misspelt = defineOptions({ ident: { flags: '--id <id>', description: 'x' } });
    const command = defineCommand({ name: 'x', description: 'x', options: misspelt, lock: false, load: async () => ({ run: async () => {} }) });
    expect(() => registerCommands(new Command(), [command], context)).toThrow('x: option "ident" is spelt --id <id>');
  });
});
