import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { NEXT_COMMANDS } from '../../src/next-step.js';
import { memoryIo } from '../helpers/memory-io.js';

// Issue 15: below the CLI layers a next step is data ({command, flags}); only src/session/next-steps.ts writes it as
// "mx-iav …", with the run's own prefix and guids. A command typed out as text down here would be printed as is:
// without npx, --profile or the addressed member.
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const FLOORS_BELOW = ['flow', 'mx', 'store', 'ui', 'domain', 'scenarios', 'errors.ts', 'next-step.ts'];

/** Every command path of the program: "verify", "micro-deposits verify", "sandbox advance" … */
function commandPaths(command: Command, above: string[] = []): string[] {
  return command.commands.flatMap((child) => {
    const here = [...above, child.name()];
    return [here.join(' '), ...commandPaths(child, here)];
  });
}

const program = createProgram({ signal: new AbortController().signal, io: memoryIo() });
const paths = commandPaths(program);
const topLevel = program.commands.map((command) => command.name());

function sourceFiles(entry: string): string[] {
  const full = path.join(SRC, entry);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(full, name));
}

// A command named in text: "mx-iav resume", "`mx-iav sandbox`", "mx-iav --help". Not the tool as a noun ("an mx-iav
// sandbox"), another word ("mx-iav verifying"), or a path ("/tmp/mx-iav verify").
const COMMAND_TEXT = new RegExp(`(?<!\\ban |\\ba |[\\w/.-])mx-iav (?:${[...topLevel, '--help'].join('|')})(?![\\w-])`);

/** The lines of a file that name a command as text, comments left out (they may name commands freely). */
export function commandText(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
    .filter((line) => COMMAND_TEXT.test(line))
    .map((line) => line.trim());
}

describe('no command line as text below the CLI layers', () => {
  it('finds a planted one, and none in comments', () => {
    expect(commandText(`  throw new ConfigError('No member.', 'Look it up with: mx-iav status');`)).toHaveLength(1);
    expect(commandText("  hint: 'Start one with `mx-iav sandbox`',")).toHaveLength(1);
    expect(commandText('// `mx-iav status` prints it\n * as `mx-iav resume` does\nwhich mx-iav cannot answer; an mx-iav sandbox')).toEqual([]);
  });

  it.each(FLOORS_BELOW)('src/%s names every next step as data', (entry) => {
    const found = sourceFiles(entry).flatMap((file) => commandText(readFileSync(file, 'utf8')).map((line) => `${path.relative(SRC, file)}: ${line}`));
    expect(found).toEqual([]);
  });
});

describe('every command a next step may name', () => {
  it('has some to check', () => {
    expect(paths).toEqual(expect.arrayContaining(['verify', 'micro-deposits verify', 'profiles', 'config']));
  });

  it.each(NEXT_COMMANDS.filter((command) => command !== '--help'))('%s is registered in the program', (command) => {
    expect(paths).toContain(command);
  });
});
