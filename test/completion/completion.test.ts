import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { completionModel, type CompletionModel } from '../../src/ui/completion-model.js';
import { memoryIo } from '../helpers/memory-io.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
const model = completionModel(createProgram({ signal: new AbortController().signal, io: memoryIo() }));
/** Every command and option spelling the model holds: what each script must mention. */
function allWords(model: CompletionModel): string[] {
  const options = [...model.globalOptions, ...model.commands.flatMap((command) => command.options)];
  return [...new Set([...model.commands.map((command) => command.name), ...options.flatMap((option) => option.names)])];
}
const hasShell = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

describe('mx-iav completion', () => {
  it('the model holds every command and option of the tree', () => {
    const words = allWords(model);
    for (const word of ['verify', 'doctor', 'completion', 'cleanup', '--scenario', '--expect', '--junit', '--env', '--no-input', '--json', '-h']) {
      expect(words).toContain(word);
    }
    expect(model.globalOptions.find((option) => option.names.includes('--env'))?.choices).toEqual(['sandbox', 'development', 'production']);
  });

  it.each(['bash', 'zsh', 'fish'])('the %s script mentions every command and option', async (shell) => {
    const result = await runCli(['completion', shell], { configDir: `${root}/${shell}` });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    // fish writes long options without their dashes (-l env), bash and zsh with them.
    const spelled = (word: string) => (shell === 'fish' && word.startsWith('--') ? `-l ${word.slice(2)}` : shell === 'fish' && word.startsWith('-') ? `-s ${word.slice(1)}` : word);
    for (const word of allWords(model)) expect(result.stdout, word).toContain(spelled(word));
    expect(result.stdout).toContain('sandbox development production');
    expect(result.stdout).toContain('happy');
  });

  it('bash accepts the bash script, and it completes commands, options and --env values', async () => {
    const file = `${root}/mx-iav.bash`;
    writeFileSync(file, (await runCli(['completion', 'bash'], { configDir: `${root}/b` })).stdout);
    execFileSync('bash', ['-n', file]);
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source ${file}; COMP_WORDS=(mx-iav ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _mx_iav; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).trim().split('\n');
    expect(complete('do')).toEqual(['doctor']);
    expect(complete('--env', 'd')).toEqual(['development']);
    expect(complete('--profile', 'x', 'verify', '--sce')).toEqual(['--scenario']);
    expect(complete('verify', '--scenario', 'mfa-t')).toEqual(['mfa-text', 'mfa-token']);
    expect(complete('completion', 'z')).toEqual(['zsh']);
  });

  it('bash completes config\'s actions, then its settings; a word starting with - still completes options', async () => {
    const file = `${root}/mx-iav-config.bash`;
    writeFileSync(file, (await runCli(['completion', 'bash'], { configDir: `${root}/bc` })).stdout);
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source ${file}; COMP_WORDS=(mx-iav ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _mx_iav; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).trim().split('\n');
    expect(complete('config', '')).toEqual(['get', 'set', 'unset', 'list', 'path']);
    expect(complete('config', 'u')).toEqual(['unset']);
    expect(complete('config', 'set', '')).toEqual(['api-key', 'client-id', 'environment', 'base-url', 'api-version']);
    expect(complete('--profile', 'x', 'config', 'get', 'api-')).toEqual(['api-key', 'api-version']);
    expect(complete('config', '--js')).toEqual(['--json']);
  });

  it('config still words its own usage errors, though its arguments list choices', async () => {
    const result = await runCli(['config', 'fetch'], { configDir: `${root}/ce` });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"fetch" is not a config action.');
  });

  it.runIf(hasShell('zsh'))('zsh accepts the zsh script', async () => {
    const file = `${root}/mx-iav.zsh`;
    writeFileSync(file, (await runCli(['completion', 'zsh'], { configDir: `${root}/z` })).stdout);
    execFileSync('zsh', ['-n', file]);
  });

  it.runIf(hasShell('fish'))('fish accepts the fish script', async () => {
    const file = `${root}/mx-iav.fish`;
    writeFileSync(file, (await runCli(['completion', 'fish'], { configDir: `${root}/f` })).stdout);
    execFileSync('fish', ['-n', file]);
  });

  it('refuses an unknown shell with exit 2', async () => {
    const result = await runCli(['completion', 'powershell'], { configDir: `${root}/p` });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/bash, zsh, fish/);
  });
});
