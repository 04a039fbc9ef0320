// A JUnit XML report of one verification, the format CI systems (GitLab, Jenkins, GitHub test reporters) read.

export interface JunitCase {
  name: string;
  /** Seconds. */
  time: number;
  /** Present when the outcome did not match the expectation. */
  failure?: { message: string; type: string };
  /** Present when the run never reached an outcome (a configuration or network error, say). */
  error?: { message: string; type: string };
  /** Context for whoever reads the report: environment, guids. Never a secret. */
  output?: string;
}

// XML 1.0 forbids most control characters even when escaped, and server text may contain them.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

const seconds = (value: number) => (Math.max(0, value)).toFixed(3);

export function junitReport(suite: string, testCase: JunitCase, timestamp: Date): string {
  const failures = testCase.failure ? 1 : 0;
  const errors = testCase.error ? 1 : 0;
  const counts = `tests="1" failures="${failures}" errors="${errors}" time="${seconds(testCase.time)}"`;
  const problem = testCase.failure ?? testCase.error;
  const tag = testCase.failure ? 'failure' : 'error';
  const body = [
    problem && `      <${tag} message="${escapeXml(problem.message)}" type="${escapeXml(problem.type)}">${escapeXml(problem.message)}</${tag}>`,
    testCase.output && `      <system-out>${escapeXml(testCase.output)}</system-out>`,
  ].filter(Boolean);
  const open = `    <testcase classname="mx-iav.${escapeXml(suite)}" name="${escapeXml(testCase.name)}" time="${seconds(testCase.time)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mx-iav" ${counts}>`,
    `  <testsuite name="mx-iav ${escapeXml(suite)}" ${counts} timestamp="${timestamp.toISOString().slice(0, 19)}">`,
    body.length === 0 ? `${open}/>` : [`${open}>`, ...body, '    </testcase>'].join('\n'),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
