import { describe, expect, it } from 'vitest';
import { CliError, EXIT, InputRequiredError, UsageError } from '../../src/errors.js';
import {
  InsecureBaseUrlError,
  InvalidIdentifierError,
  MxApiError,
  MxNetworkError,
  MxResponseError,
} from '../../src/mx/errors.js';
import { hint, step } from '../../src/next-step.js';
import { formatHint, hintWriter } from '../../src/session/next-steps.js';
import { renderError } from '../../src/ui/render-error.js';

const hints = hintWriter();
const plain = { json: false, debug: false, color: false, hints };
const json = { json: true, debug: false, color: false, hints };

describe('renderError', () => {
  it('prints a CliError as a cross, the message and an indented hint on stderr', () => {
    expect(renderError(new UsageError('Unknown profile "x".', 'Run mx-iav config list.'), plain)).toEqual({
      stderr: '✖ Unknown profile "x".\n  Run mx-iav config list.\n',
      exitCode: EXIT.usage,
    });
  });

  it('omits the hint line when there is none', () => {
    expect(renderError(new UsageError('Name the setting.'), plain)).toEqual({ stderr: '✖ Name the setting.\n', exitCode: 2 });
  });

  it('writes only one JSON object to stdout with --json', () => {
    const rendered = renderError(new InputRequiredError('Password is missing.', 'Pass --credential.'), json);
    expect(rendered).toEqual({
      stdout: '{"error":{"code":"input_required","message":"Password is missing.","hint":"Pass --credential."}}\n',
      exitCode: 6,
    });
    expect(JSON.parse(rendered.stdout!)).toEqual({
      error: { code: 'input_required', message: 'Password is missing.', hint: 'Pass --credential.' },
    });
  });

  it('uses null for a missing hint in JSON', () => {
    const rendered = renderError(new CliError('Stopped.', { exitCode: 130, code: 'cancelled' }), json);
    expect(JSON.parse(rendered.stdout!)).toEqual({ error: { code: 'cancelled', message: 'Stopped.', hint: null } });
  });

  it('carries a hint\'s next steps as data under --json, beside the same words', () => {
    const error = new UsageError('No member.', hint`Start with: ${step('verify', { new: true })}`);
    const body = JSON.parse(renderError(error, { ...json, hints: hintWriter({ prefix: 'npx mx-iav --profile jane' }) }).stdout!);
    expect(body.error).toEqual({
      code: 'usage',
      message: 'No member.',
      hint: 'Start with: npx mx-iav --profile jane verify --new',
      next_steps: [{ command: 'verify', args: [], flags: { new: true }, text: 'npx mx-iav --profile jane verify --new' }],
    });
  });

  it.each([401, 403])('an MX %d is raised as a configuration error about the API credentials (exit 3)', (status) => {
    const error = new MxApiError({ status, mxMessage: null, method: 'GET', path: '/users' });
    // Chosen where it is raised: nothing after the client re-classifies it.
    expect(error).toMatchObject({ exitCode: 3, code: 'mx_auth' });
    const { stderr, exitCode } = renderError(error, plain);
    expect(exitCode).toBe(3);
    expect(stderr).toMatch(new RegExp(`^✖ MX rejected the API credentials \\(${status}\\)\\.\\n  Check MX_CLIENT_ID and MX_API_KEY, or run mx-iav config set api-key`));
  });

  it('keeps MX\'s reason for a 403', () => {
    const error = new MxApiError({ status: 403, mxMessage: 'Feature is not available to the client', method: 'POST', path: '/verify' });
    expect(JSON.parse(renderError(error, json).stdout!).error).toMatchObject({
      code: 'mx_auth',
      message: 'MX rejected the API credentials (403): Feature is not available to the client.',
    });
  });

  it.each([
    ['other MxApiError', new MxApiError({ status: 500, mxMessage: 'oops', method: 'GET', path: '/users' }), 4],
    ['MxNetworkError', new MxNetworkError({ code: 'ECONNREFUSED', method: 'GET', path: '/users', requestSent: false }), 4],
    ['MxResponseError', new MxResponseError({ status: 200, method: 'GET', path: '/users', problem: 'a body that is not JSON' }), 4],
    ['InvalidIdentifierError', new InvalidIdentifierError('user guid'), 2],
    ['InsecureBaseUrlError', new InsecureBaseUrlError('http:// sends the API key in clear text.'), 3],
  ])('%s exits %d with its own message', (_name, error, exitCode) => {
    const rendered = renderError(error, plain);
    expect(rendered.exitCode).toBe(exitCode);
    expect(rendered.stderr).toBe(`✖ ${error.message}\n${error.hint ? `  ${formatHint(error.hint)}\n` : ''}`);
  });

  it('strips control sequences from messages that carry server text', () => {
    const error = new MxApiError({ status: 422, mxMessage: '\x1b]0;pwned\x07bad\x1b[2J input', method: 'POST', path: '/users' });
    const { stderr } = renderError(error, plain);
    expect(stderr).toContain('bad input');
    expect(stderr).not.toMatch(/\x1b|\x07/);
  });

  it('reports an unknown error as unexpected, exit 1, without a stack', () => {
    expect(renderError(new TypeError('boom'), plain)).toEqual({
      stderr: '✖ Unexpected error: boom.\n  Run again with --debug for details.\n',
      exitCode: 1,
    });
  });

  it('adds the stack only under --debug', () => {
    const error = new Error('boom.');
    const { stderr } = renderError(error, { ...plain, debug: true });
    expect(stderr).toContain('✖ Unexpected error: boom.\n  Run again with --debug for details.\n\nError: boom.\n    at ');
    expect(renderError(new UsageError('Bad flag.'), { ...plain, debug: true }).stderr).toBe('✖ Bad flag.\n');
  });

  it('keeps stdout pure JSON under --json --debug, with the stack on stderr', () => {
    const rendered = renderError(new Error('boom'), { ...json, debug: true });
    expect(JSON.parse(rendered.stdout!)).toEqual({
      error: { code: 'unexpected', message: 'Unexpected error: boom.', hint: 'Run again with --debug for details.' },
    });
    expect(rendered.stderr).toMatch(/^Error: boom\n {4}at /);
  });

  it('handles thrown non-errors', () => {
    expect(renderError('a string', plain).stderr).toBe('✖ Unexpected error: a string.\n  Run again with --debug for details.\n');
    expect(renderError(undefined, plain).exitCode).toBe(1);
  });

  it('honours an exit code carried by an error that is not a CliError', () => {
    const error = Object.assign(new Error('Nope.'), { exitCode: 5, code: 'verification_failed' });
    expect(renderError(error, json)).toEqual({
      stdout: '{"error":{"code":"verification_failed","message":"Nope.","hint":null}}\n',
      exitCode: 5,
    });
  });

  it('colours the cross when asked', () => {
    expect(renderError(new UsageError('Bad.'), { ...plain, color: true }).stderr).toBe('\x1b[31m✖\x1b[39m Bad.\n');
  });
});
