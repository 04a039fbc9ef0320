import { describe, expect, it } from 'vitest';
import { InputRequiredError } from '../../src/errors.js';
import type { Challenge, Institution, InstitutionCredential } from '../../src/mx/types.js';
import { createNoInputPrompter } from '../../src/ui/no-input-prompter.js';

const mxBank = { code: 'mxbank', name: 'MX Bank' } as Institution;
const login: InstitutionCredential = { guid: 'CRD-l', field_name: 'LOGIN', field_type: 'LOGIN', label: 'Username', type: null, display_order: 1 };
const password: InstitutionCredential = { guid: 'CRD-p', field_name: 'PASSWORD', field_type: 'PASSWORD', label: 'Password', type: null, display_order: 2 };
const accountSelection: Challenge = {
  guid: 'CRD-sel', type: 'OPTIONS', label: 'Please select an account:', field_name: null,
  options: [{ label: 'Checking', value: 'act-1' }, { label: 'Savings', value: 'act-2' }],
};
const city: Challenge = { guid: 'CRD-city', type: 'TEXT', label: 'What city were you born in?', field_name: 'city' };

async function rejection(promise: Promise<unknown>): Promise<InputRequiredError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputRequiredError);
  return error as InputRequiredError;
}

describe('createNoInputPrompter', () => {
  it('answers credentials from presets, in field order', async () => {
    const prompter = createNoInputPrompter({ credentials: { PASSWORD: 'pw', LOGIN: 'mxuser' }, answers: [] });
    await expect(prompter.askCredentials(mxBank, [login, password])).resolves.toEqual([
      { guid: 'CRD-l', value: 'mxuser' },
      { guid: 'CRD-p', value: 'pw' },
    ]);
  });

  it('names the flag and the variable for a missing credential, in one sentence', async () => {
    const prompter = createNoInputPrompter({ credentials: { LOGIN: 'mxuser' }, answers: [] });
    const error = await rejection(prompter.askCredentials(mxBank, [login, password]));
    expect(error.message).toBe(
      'MX Bank asks for Password, but --no-input is set: set MX_IAV_CREDENTIAL_PASSWORD, give --credentials-file FILE, or pass --credential PASSWORD=....',
    );
    expect(error.exitCode).toBe(6);
    expect(error.message).not.toContain('mxuser');
  });

  it('names --institution and MX_IAV_INSTITUTION when it would have to search', async () => {
    const prompter = createNoInputPrompter({ credentials: {}, answers: [] });
    const error = await rejection(prompter.chooseInstitution(async () => ({ items: [], pagination: { current_page: 1, per_page: 25, total_entries: 0, total_pages: 0 } })));
    expect(error.message).toBe(
      'mx-iav needs to know which institution to use, but --no-input is set: pass --institution CODE or set MX_IAV_INSTITUTION.',
    );
  });

  it('answers challenges from presets', async () => {
    const prompter = createNoInputPrompter({ credentials: {}, answers: ['Provo'], selectAccount: 'Savings' });
    await expect(prompter.answerChallenge(city, { answerIndex: 0, isAccountSelection: false })).resolves.toBe('Provo');
    await expect(prompter.answerChallenge(accountSelection, { answerIndex: 1, isAccountSelection: true })).resolves.toBe('act-2');
  });

  it('names --answer and its variable for a missing challenge answer', async () => {
    const prompter = createNoInputPrompter({ credentials: {}, answers: ['first one'] });
    const error = await rejection(prompter.answerChallenge({ ...city, label: 'What city\x1b[2J?' }, { answerIndex: 1, isAccountSelection: false }));
    expect(error.message).toBe(
      'MX asks "What city?" (challenge 2), but --no-input is set: set MX_IAV_ANSWERS (one answer, or a JSON array in challenge order) or pass --answer VALUE (repeatable, in challenge order).',
    );
  });

  it('names --select-account and its variable, listing the accounts', async () => {
    const prompter = createNoInputPrompter({ credentials: {}, answers: [] });
    const error = await rejection(prompter.answerChallenge(accountSelection, { answerIndex: 0, isAccountSelection: true }));
    expect(error.message).toBe(
      'MX asks which account to verify (Checking, Savings), but --no-input is set: pass --select-account <value|label|first> or set MX_IAV_SELECT_ACCOUNT.',
    );
  });

  it('answers a confirmation with its fallbackValue, never the terminal default', async () => {
    const prompter = createNoInputPrompter({ credentials: {}, answers: [] });
    await expect(prompter.confirm('Continue?', { defaultValue: true, fallbackValue: false })).resolves.toBe(false);
    await expect(prompter.confirm('Continue?', { defaultValue: false, fallbackValue: true })).resolves.toBe(true);
  });
});
