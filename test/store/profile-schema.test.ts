import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/store/schema.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// The store skips ajv's meta-schema check at start-up for speed, so the schema's own validity is checked here.
describe('the profile schema', () => {
  it('is a valid JSON Schema (draft 2020-12, as conf compiles it)', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const valid = ajv.validateSchema({ type: 'object', properties: profileSchema });
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('still rejects a hand-edited profile file that breaks it', async () => {
    const configDir = tempDir();
    mkdirSync(join(configDir, 'profiles'), { recursive: true });
    writeFileSync(join(configDir, 'profiles', 'default.json'), JSON.stringify({ settings: { environment: 'staging' }, environments: {} }));
    const result = await runCli(['config', 'list'], { configDir });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/default\.json cannot be read: invalid value, .*environment/);
  });
});
