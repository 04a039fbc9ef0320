import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sharedSpecPath, specPath } from './spec.js';

// The vendored spec must stay MX's file unchanged; where the shared copy sits beside the repository, compare them.
it.runIf(existsSync(sharedSpecPath))('the vendored MX spec is identical to the shared copy', () => {
  expect(readFileSync(specPath).equals(readFileSync(sharedSpecPath))).toBe(true);
});

it('the vendored MX spec is MX v20111101', () => {
  expect(readFileSync(specPath, 'utf8')).toMatch(/version: ['"]?20111101/);
});
