import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONF_AJV_OPTIONS, precompiledValidatorModule, profileRootSchema } from '../profile-validator.mjs';

// The shipped build validates profile files with a validator generated ahead of time (test/build.mjs); the source
// tree, and so the rest of the suite, with ajv compiling the schema as conf does. Both must judge every file alike.
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const root = new URL('../..', import.meta.url).pathname;
let shipped: { Ajv2020: new () => { compile(schema: unknown): Validate } };
let schema: Record<string, unknown>;

beforeAll(async () => {
  schema = await profileRootSchema(root);
  const dir = mkdtempSync(join(tmpdir(), 'mx-iav-validator-'));
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, await precompiledValidatorModule(root));
  // Bundled as the build does, so ajv's runtime helpers it requires resolve.
  const outfile = join(dir, 'validator.mjs');
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, nodePaths: [join(root, 'node_modules')], logLevel: 'warning' });
  shipped = await import(pathToFileURL(outfile).href);
});

const samples: [string, unknown][] = [
  ['an empty profile', {}],
  ['saved settings and guids', { settings: { client_id: 'abc', environment: 'sandbox' }, environments: { sandbox: { user_guid: 'USR-1', member_guid: 'MBR-2', step: 'polling' } } }],
  ['a guid that is not one', { environments: { sandbox: { user_guid: '../../etc' } } }],
  ['an unknown environment', { settings: { environment: 'staging' } }],
  ['an unknown key', { environments: { sandbox: { password: 'x' } } }],
  ['settings that are not an object', { settings: 'yes' }],
  ['two faults at once (every one is named)', { settings: { environment: 'staging', client_id: '' } }],
  ['too many history entries', { environments: { sandbox: { history: Array.from({ length: 201 }, () => ({ at: 'x', status: null })) } } }],
];

const judge = (validate: Validate, data: unknown) => {
  const copy = structuredClone(data);
  const valid = validate(copy);
  return { valid, errors: valid ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`), filled: copy };
};

describe('the shipped profile validator', () => {
  it.each(samples)('judges %s as ajv does, with the same messages and defaults', (_name, data) => {
    const ajv = new Ajv2020(CONF_AJV_OPTIONS).compile(schema) as Validate;
    expect(judge(new shipped.Ajv2020().compile(schema), data)).toEqual(judge(ajv, data));
  });

  it('refuses to stand in for any other schema', () => {
    expect(() => new shipped.Ajv2020().compile({ type: 'object', properties: {} })).toThrow(/profile schema only/);
  });

  it('rejects what the suite expects a profile file to be rejected for', () => {
    const validate = new shipped.Ajv2020().compile(schema);
    expect(validate({ environments: { sandbox: { user_guid: '../../etc' } } })).toBe(false);
    expect(validate({ settings: { client_id: 'abc' } })).toBe(true);
  });
});
