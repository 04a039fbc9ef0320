import { describe, expect, it } from 'vitest';
import { escapeXml, junitReport } from '../../src/scenarios/junit.js';

describe('JUnit writer', () => {
  it('escapes markup and quotes, and replaces characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('bell\x07 esc\x1b[2J tab\tok')).toBe('bell\uFFFD esc\uFFFD[2J tab\tok');
  });

  it('puts an escaped failure inside the testcase', () => {
    const xml = junitReport('verify', { name: 'x<y', time: 1.5, failure: { message: 'expected "A" & got <B>', type: 'unexpected_outcome' } }, new Date('2030-01-02T03:04:05.678Z'));
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="mx-iav" tests="1" failures="1" errors="0" time="1.500">',
        '  <testsuite name="mx-iav verify" tests="1" failures="1" errors="0" time="1.500" timestamp="2030-01-02T03:04:05">',
        '    <testcase classname="mx-iav.verify" name="x&lt;y" time="1.500">',
        '      <failure message="expected &quot;A&quot; &amp; got &lt;B&gt;" type="unexpected_outcome">expected &quot;A&quot; &amp; got &lt;B&gt;</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});
