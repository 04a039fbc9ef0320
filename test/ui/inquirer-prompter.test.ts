import { describe, expect, it, vi } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { SearchInstitutions } from '../../src/flow/ports.js';
import type { Challenge, Institution, InstitutionCredential } from '../../src/mx/types.js';
import { PRODUCTION_CONFIRM } from '../../src/session/runtime.js';
import { createInquirerPrompter } from '../../src/ui/inquirer-prompter.js';
import type { PresetAnswers } from '../../src/ui/preset-answers.js';
import { createFakeTerminal, KEY } from './helpers/fake-terminal.js';

// Real @inquirer/prompts, driven through the prompt context's input/output streams: no TTY, no module mocks.

function setup(presets: Partial<PresetAnswers> = {}, extra: { signal?: AbortSignal } = {}) {
  const terminal = createFakeTerminal();
  const writeImage = vi.fn(async (image: unknown) => `/tmp/mx-iav-image-${typeof image === 'string' ? 'option' : 'data'}/challenge.png`);
  const prompter = createInquirerPrompter({
    input: terminal.input,
    output: terminal.output,
    presets: { credentials: {}, answers: [], ...presets },
    writeImage,
    ...extra,
  });
  return { terminal, prompter, writeImage };
}

const institution = (code: string, name: string, more: Partial<Institution> = {}) => ({ code, name, ...more }) as Institution;
const page = (items: Institution[], current: number, total: number) => ({
  items,
  pagination: { current_page: current, per_page: 2, total_entries: items.length, total_pages: total },
});

const mxBank = institution('mxbank', 'MX Bank');
const login: InstitutionCredential = { guid: 'CRD-l', field_name: 'LOGIN', field_type: 'LOGIN', label: 'Username', type: null, display_order: 1 };
const password: InstitutionCredential = { guid: 'CRD-p', field_name: 'PASSWORD', field_type: 'PASSWORD', label: 'Password', type: null, display_order: 2 };
const options: Challenge = {
  guid: 'CRD-sel', type: 'OPTIONS', label: 'Please select an account:', field_name: null,
  options: [{ label: 'Checking', value: 'act-1' }, { label: 'Savings', value: 'act-2' }],
};
const select = { answerIndex: 0, isAccountSelection: true };
const first = { answerIndex: 0, isAccountSelection: false };

describe('askCredentials', () => {
  it('asks each field in order, masking secrets so the value never reaches the screen', async () => {
    const { terminal, prompter } = setup();
    const answers = prompter.askCredentials(mxBank, [login, password]);
    await terminal.answer('? Username:', 'mxuser', KEY.enter);
    await terminal.answer('? Password:', 's3cret-pw', KEY.enter);
    await expect(answers).resolves.toEqual([
      { guid: 'CRD-l', value: 'mxuser' },
      { guid: 'CRD-p', value: 's3cret-pw' },
    ]);
    expect(terminal.screen()).toContain('mxuser');
    expect(terminal.raw()).not.toContain('s3cret');
    expect(terminal.screen()).toContain('*********');
  });

  it('uses presets first and asks only for what is missing', async () => {
    const { terminal, prompter } = setup({ credentials: { LOGIN: 'preset-user' } });
    const answers = prompter.askCredentials(mxBank, [login, password]);
    await terminal.answer('? Password:', 'pw', KEY.enter);
    await expect(answers).resolves.toEqual([
      { guid: 'CRD-l', value: 'preset-user' },
      { guid: 'CRD-p', value: 'pw' },
    ]);
    expect(terminal.screen()).not.toContain('Username');
  });

  it('rejects an empty answer', async () => {
    const { terminal, prompter } = setup();
    const answers = prompter.askCredentials(mxBank, [login]);
    await terminal.answer('? Username:', KEY.enter);
    await terminal.answer('Please enter a value.', 'u', KEY.enter);
    await expect(answers).resolves.toEqual([{ guid: 'CRD-l', value: 'u' }]);
  });

  it('shows labels without their control sequences', async () => {
    const { terminal, prompter } = setup();
    const answers = prompter.askCredentials(mxBank, [{ ...login, label: '\x1b]0;pwned\x07User\x1b[2Jname' }]);
    await terminal.answer('? Username:', 'u', KEY.enter);
    await answers;
    expect(terminal.raw()).not.toContain('pwned');
    expect(terminal.raw()).not.toContain('\x1b[2J');
  });
});

describe('chooseInstitution', () => {
  it('searches, pages with "More results…", and returns the pick', async () => {
    const search = vi.fn<SearchInstitutions>(async (_name, n) =>
      n === 1 ? page([institution('a', 'A Bank'), institution('b', 'B Bank')], 1, 2) : page([mxBank], 2, 2),
    );
    const { terminal, prompter } = setup();
    const picked = prompter.chooseInstitution(search);
    await terminal.answer('Search for your bank (name):', 'bank', KEY.enter);
    await terminal.answer('Choose your bank (page 1 of 2):', KEY.down, KEY.down, KEY.enter);
    await terminal.answer('Choose your bank (page 2 of 2):', KEY.enter);
    await expect(picked).resolves.toBe(mxBank);
    expect(search.mock.calls).toEqual([['bank', 1], ['bank', 2]]);
    expect(terminal.screen()).toContain('A Bank (a)');
    expect(terminal.screen()).toContain('More results…');
    expect(terminal.screen()).toContain('Search again');
  });

  it('says when nothing matches and asks again; "Search again" starts over', async () => {
    const search = vi.fn<SearchInstitutions>(async (name) => (name === 'zzz' ? page([], 1, 0) : page([mxBank], 1, 1)));
    const { terminal, prompter } = setup();
    const picked = prompter.chooseInstitution(search);
    await terminal.answer('Search for your bank (name):', 'zzz', KEY.enter);
    await terminal.answer('? Search for your bank (name):', 'mx', KEY.enter);
    await terminal.answer('? Choose your bank:', KEY.down, KEY.enter);
    await terminal.answer('? Search for your bank (name):', 'mx bank', KEY.enter);
    await terminal.answer('? Choose your bank:', KEY.enter);
    await expect(picked).resolves.toBe(mxBank);
    expect(search.mock.calls.map(([name]) => name)).toEqual(['zzz', 'mx', 'mx bank']);
    expect(terminal.screen()).toContain('No institutions match "zzz". Try another name.');
    expect(terminal.screen()).not.toContain('More results…');
  });

  it('cannot pick an institution without account verification', async () => {
    const noIav = institution('old', 'Old Bank', { supports_account_verification: false });
    const { terminal, prompter } = setup();
    const picked = prompter.chooseInstitution(async () => page([noIav, mxBank], 1, 1));
    await terminal.answer('Search for your bank (name):', 'bank', KEY.enter);
    // The disabled entry is listed last, so the cursor starts on MX Bank.
    await terminal.answer('? Choose your bank:', KEY.enter);
    await expect(picked).resolves.toBe(mxBank);
    expect(terminal.screen()).toMatch(/MX Bank \(mxbank\)\n.*Old Bank \(old\) \(no account verification\)/);
  });
});

describe('answerChallenge', () => {
  it('selects an option by its label and returns its value', async () => {
    const { terminal, prompter } = setup();
    const answer = prompter.answerChallenge(options, select);
    await terminal.answer('? Please select an account:', KEY.down, KEY.enter);
    await expect(answer).resolves.toBe('act-2');
  });

  it('uses --select-account without asking', async () => {
    const { terminal, prompter } = setup({ selectAccount: 'first' });
    await expect(prompter.answerChallenge(options, select)).resolves.toBe('act-1');
    expect(terminal.raw()).toBe('');
  });

  it('reports a preset that matches no option, then asks', async () => {
    const { terminal, prompter } = setup({ selectAccount: 'Brokerage' });
    const answer = prompter.answerChallenge(options, select);
    await terminal.answer('? Please select an account:', KEY.enter);
    await expect(answer).resolves.toBe('act-1');
    expect(terminal.screen()).toContain('The account choice given (--select-account or MX_IAV_SELECT_ACCOUNT) matches none of the choices MX offers: "Checking", "Savings". Choose one below.');
  });

  it.each(['TEXT', 'TOKEN'])('asks %s challenges as typed text, shown as typed', async (type) => {
    const { terminal, prompter } = setup();
    const answer = prompter.answerChallenge({ guid: 'CRD-t', type, label: 'Enter the code', field_name: null }, first);
    await terminal.answer('? Enter the code', '123456', KEY.enter);
    await expect(answer).resolves.toBe('123456');
    expect(terminal.screen()).toContain('123456');
  });

  it('takes --answer values by position', async () => {
    const { prompter } = setup({ answers: ['one', 'two'] });
    const challenge: Challenge = { guid: 'CRD-t', type: 'TEXT', label: 'Q', field_name: null };
    await expect(prompter.answerChallenge(challenge, { answerIndex: 1, isAccountSelection: false })).resolves.toBe('two');
  });

  it('writes an IMAGE_DATA image to a file, prints its path, then asks', async () => {
    const { terminal, prompter, writeImage } = setup();
    const challenge: Challenge = { guid: 'CRD-i', type: 'IMAGE_DATA', label: 'What does the image say?', field_name: null, image_data: 'iVBOR' };
    const answer = prompter.answerChallenge(challenge, first);
    await terminal.answer('? What does the image say?', 'cat', KEY.enter);
    await expect(answer).resolves.toBe('cat');
    expect(writeImage).toHaveBeenCalledWith(challenge);
    expect(terminal.screen()).toContain('The bank sent an image; open it and type what it shows: /tmp/mx-iav-image-data/challenge.png');
  });

  it('writes each IMAGE_OPTIONS image and shows its path beside the choice', async () => {
    const { terminal, prompter, writeImage } = setup();
    const challenge: Challenge = {
      guid: 'CRD-io', type: 'IMAGE_OPTIONS', label: 'Which is your image?', field_name: null,
      image_options: [
        { label: 'Cat', value: 'c', data_uri: 'data:image/png;base64,AAA' },
        { label: 'Dog', value: 'd', data_uri: 'data:image/png;base64,BBB' },
      ],
    };
    const answer = prompter.answerChallenge(challenge, first);
    await terminal.answer('? Which is your image?', KEY.down, KEY.enter);
    await expect(answer).resolves.toBe('d');
    expect(writeImage.mock.calls).toEqual([['data:image/png;base64,AAA'], ['data:image/png;base64,BBB']]);
    expect(terminal.screen()).toContain('Image: /tmp/mx-iav-image-option/challenge.png');
  });
});

describe('cancellation', () => {
  it('turns Ctrl-C into InterruptedError (exit 130)', async () => {
    const { terminal, prompter } = setup();
    // Caught at once: the rejection can arrive while the keys are still being typed.
    const answer = prompter.confirm('Continue?', { defaultValue: true, fallbackValue: true }).catch((caught: unknown) => caught);
    await terminal.answer('? Continue?', KEY.ctrlC);
    const error = await answer;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toMatchObject({ message: 'Interrupted.', exitCode: 130 });
  });

  it('turns Ctrl-D (readline closes the input) into InterruptedError rather than waiting forever', async () => {
    const { terminal, prompter } = setup();
    const answer = prompter.answerChallenge({ guid: 'CRD-t', type: 'TEXT', label: 'Q?', field_name: null }, first);
    const error = answer.catch((caught: unknown) => caught);
    await terminal.answer('? Q?', '\x04');
    expect(await error).toBeInstanceOf(InterruptedError);
  });

  it('turns the end of the input stream into InterruptedError', async () => {
    const { terminal, prompter } = setup();
    const answer = prompter.askCredentials(mxBank, [password]);
    await terminal.waitFor('? Password:');
    terminal.input.end();
    await expect(answer).rejects.toBeInstanceOf(InterruptedError);
  });

  it('turns an aborted signal into InterruptedError', async () => {
    const controller = new AbortController();
    const { terminal, prompter } = setup({}, { signal: controller.signal });
    const answer = prompter.askCredentials(mxBank, [login]);
    await terminal.waitFor('? Username:');
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('confirm', () => {
  it('gives defaultValue on Enter, never fallbackValue, and the typed answer otherwise', async () => {
    const { terminal, prompter } = setup();
    const yes = prompter.confirm('Continue?', { defaultValue: true, fallbackValue: false });
    await terminal.answer('? Continue?', KEY.enter);
    await expect(yes).resolves.toBe(true);
    const enterNo = prompter.confirm('Sure?', { defaultValue: false, fallbackValue: true });
    await terminal.answer('? Sure?', KEY.enter);
    await expect(enterNo).resolves.toBe(false);
    const no = prompter.confirm('Really?', { defaultValue: true, fallbackValue: true });
    await terminal.answer('? Really?', 'n', KEY.enter);
    await expect(no).resolves.toBe(false);
  });

  it('stops at the production question on Enter', async () => {
    const { terminal, prompter } = setup();
    const answer = prompter.confirm('This is MX production?', PRODUCTION_CONFIRM);
    await terminal.answer('? This is MX production?', KEY.enter);
    await expect(answer).resolves.toBe(false);
  });
});

describe('output stream', () => {
  it('writes nothing to stdout', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const { terminal, prompter } = setup();
    const answer = prompter.answerChallenge(options, select);
    await terminal.answer('? Please select an account:', KEY.enter);
    await answer;
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
  });
});
