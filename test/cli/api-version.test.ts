import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);

// `status` with nothing saved resolves the connection (the debug line names each setting's source), then stops.
const debugSources = async (args: string[], env: Record<string, string> = {}, configDir = fresh()) => {
  const result = await runCli(['--debug', ...args, 'status'], { configDir, env });
  return { ...result, line: result.stderr.split('\n').find((line) => line.startsWith('debug: API ')) ?? '' };
};

describe('--api-version, MX_API_VERSION and config api-version', () => {
  it('defaults to v20250224, MX\'s current version', async () => {
    expect((await debugSources([])).line).toContain('API v20250224 (default)');
  });

  it('takes the flag over the variable, and the variable over the saved setting', async () => {
    const configDir = fresh();
    expect((await runCli(['config', 'set', 'api-version', 'v20111101'], { configDir })).exitCode).toBe(0);
    expect((await debugSources([], {}, configDir)).line).toContain('API v20111101 (config)');
    expect((await debugSources([], { MX_API_VERSION: 'v20250224' }, configDir)).line).toContain('API v20250224 (environment)');
    const flagged = await debugSources(['--api-version', 'v20111101'], { MX_API_VERSION: 'v20250224' }, configDir);
    expect(flagged.line).toContain('API v20111101 (flag)');
  });

  it.each([
    ['a flag', ['--api-version', 'v2'], {}],
    ['the variable', [], { MX_API_VERSION: 'v20260430' }],
  ])('an unknown version from %s is a usage error (exit 2) naming the two', async (_, args, env) => {
    const result = await runCli([...args, 'status'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('v20250224');
    expect(result.stderr).toContain('v20111101');
    expect(result.stdout).toBe('');
  });
});
