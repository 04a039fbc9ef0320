import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// A --junit path that cannot be written is found before anything is created at MX, not after a whole verification.
describe('verify --junit with a path that cannot be written', () => {
  const scratch = tempDir();
  mkdirSync(join(scratch, 'a-directory'));
  it.each([
    [join(scratch, 'missing', 'iav.xml'), 'ENOENT'],
    [join(scratch, 'a-directory'), 'EISDIR'],
  ])('%s: one sentence (%s), exit 3, no user created', async (path, code) => {
    const configDir = tempDir();
    const run = await runCli(['verify', '--no-input', '--scenario', 'happy', '--junit', path], { configDir });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain(`✖ The JUnit report cannot be written to ${path}: ${code}.\n  Pass a writable path to --junit.\n`);
    expect(run.stderr).not.toContain('Created user');
    // The built-in sandbox keeps its state per profile: nothing was made there either.
    expect((await runCli(['users'], { configDir })).stdout).toBe('No users match.\n');
  });
});
