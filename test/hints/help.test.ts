import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { memoryIo } from '../helpers/memory-io.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Each command's help, as gh shows it: its examples, the global flags it also takes, every line under 80 columns.
const commands = createProgram({ signal: new AbortController().signal, io: memoryIo() }).commands.map((command) => command.name());
const tooWide = (text: string) => text.split('\n').filter((line) => line.length >= 80);

describe('mx-iav <command> --help', () => {
  it('the tree has the commands this test walks', () => {
    expect(commands).toEqual(expect.arrayContaining(['verify', 'resume', 'status', 'config', 'completion', 'doctor']));
  });

  it.each(commands)('%s: examples, global options, under 80 columns', async (name) => {
    const run = await runCli([name, '--help'], { configDir: tempDir() });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`\\nExamples:\\n  # .+\\n  \\$ (?:MX_IAV_\\S+ )*mx-iav (?:--profile \\S+ )?${name}\\b`));
    expect(run.stdout).toMatch(/\nGlobal Options:\n(?:.*\n)* {2}--profile <name> +profile to keep guids/);
    expect(tooWide(run.stdout)).toEqual([]);
  });

  it('verify --help shows the CI example and the connection flags it inherits', async () => {
    const { stdout } = await runCli(['verify', '--help'], { configDir: tempDir() });
    expect(stdout).toContain('  $ mx-iav verify --no-input --scenario denied --junit iav.xml\n');
    for (const flag of ['--env <name>', '--base-url <url>', '--api-version <version>', '--no-input', '--json']) expect(stdout).toContain(`  ${flag}`);
  });

  it.each([['--help'], ['help'], ['--help', '--no-color']])('mx-iav %s: under 80 columns too', async (...args) => {
    const run = await runCli(args, { configDir: tempDir() });
    expect(run.stdout).toContain('Examples:');
    expect(tooWide(run.stdout)).toEqual([]);
  });
});
