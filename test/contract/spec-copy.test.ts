import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSpecPathOf, SPEC_VERSIONS, specPathOf } from './spec.js';

// The vendored specs must stay MX's files unchanged; where the shared copies sit beside the repository, compare them.
describe.each(SPEC_VERSIONS)('the vendored MX spec %s', (version) => {
  it.runIf(existsSync(sharedSpecPathOf(version)))('is identical to the shared copy', () => {
    expect(readFileSync(specPathOf(version)).equals(readFileSync(sharedSpecPathOf(version)))).toBe(true);
  });

  it('is the version its name says', () => {
    expect(readFileSync(specPathOf(version), 'utf8')).toMatch(new RegExp(`^  version: ['"]?${version.slice(1)}['"]?$`, 'm'));
  });
});
