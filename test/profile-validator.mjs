// The profile file's validator as ajv generates it ahead of time ("standalone code"), for the shipped build
// (test/build.mjs): conf compiling the schema with ajv at every start was most of a run's own start-up work.
// Compiled with conf's own ajv options, so the shipped conf validates and fills defaults exactly as ajv would.
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

/** conf 15's options for its ajv (node_modules/conf/dist/source/index.js #setupValidator) and ours (validateSchema). */
export const CONF_AJV_OPTIONS = { allErrors: true, useDefaults: true, validateSchema: false };

/** The schema conf compiles for mx-iav: its root object around src/store/schema.ts's profileSchema. */
export async function profileRootSchema(root) {
  const bundled = await build({
    absWorkingDir: root,
    entryPoints: ['src/store/schema.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const source = bundled.outputFiles[0].text;
  const { profileSchema } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  return { type: 'object', properties: profileSchema };
}

/**
 * A module standing in for `ajv/dist/2020.js` inside conf: its Ajv2020 hands back the generated validator, and
 * refuses any other schema (a conf used for something else must not get the profile's rules silently).
 */
export async function precompiledValidatorModule(root) {
  const schema = await profileRootSchema(root);
  const ajv = new Ajv2020({ ...CONF_AJV_OPTIONS, code: { source: true, esm: true } });
  const validator = standaloneCode(ajv, ajv.compile(schema));
  return `${validator}
const expected = ${JSON.stringify(JSON.stringify(schema))};
export class Ajv2020 {
  compile(schema) {
    if (JSON.stringify(schema) !== expected) throw new Error('mx-iav ships a validator for its profile schema only.');
    return validate;
  }
}`;
}
