import { describe, expect, it } from 'vitest';
import type { Challenge, InstitutionCredential } from '../../src/mx/types.js';
import { isSecretField } from '../../src/ui/credential-fields.js';
import {
  isAccountSelectionChallenge,
  presetChallengeAnswer,
  presetCredential,
  PresetMismatchError,
  type PresetAnswers,
} from '../../src/ui/preset-answers.js';

const field = (over: Partial<InstitutionCredential>): InstitutionCredential => ({
  guid: 'CRD-1', field_name: null, field_type: null, label: null, type: null, display_order: 1, ...over,
});

const accountSelection: Challenge = {
  guid: 'CRD-sel', type: 'OPTIONS', label: 'Please select an account:', field_name: null,
  options: [{ label: 'Checking', value: 'act-1' }, { label: 'Savings', value: 'act-2' }],
};
const colour: Challenge = {
  guid: 'CRD-col', type: 'OPTIONS', label: 'Favourite colour?', field_name: 'colour',
  options: [{ label: 'Red', value: 'r' }, { label: 'Blue', value: 'b' }],
};
const city: Challenge = { guid: 'CRD-city', type: 'TEXT', label: 'What city were you born in?', field_name: 'city' };

const presets = (over: Partial<PresetAnswers> = {}): PresetAnswers => ({ credentials: {}, answers: [], ...over });
const selection = { answerIndex: 0, isAccountSelection: true };

describe('presetCredential', () => {
  it('matches field_name case-insensitively', () => {
    const given = presets({ credentials: { PASSWORD: 'pw', LOGIN: 'mxuser' } });
    expect(presetCredential(given, field({ field_name: 'password' }))).toBe('pw');
    expect(presetCredential(given, field({ field_name: 'LOGIN' }))).toBe('mxuser');
    expect(presetCredential(presets({ credentials: { login: 'x' } }), field({ field_name: 'Login' }))).toBe('x');
  });
  it('matches the env-style key of a field name with spaces', () => {
    expect(presetCredential(presets({ credentials: { SECURITY_ANSWER: 'a' } }), field({ field_name: 'security answer' }))).toBe('a');
  });
  it('returns undefined when nothing matches', () => {
    expect(presetCredential(presets({ credentials: { LOGIN: 'x' } }), field({ field_name: 'PASSWORD' }))).toBeUndefined();
  });
});

describe('isSecretField', () => {
  it.each([
    [{ field_type: 'PASSWORD' }, true],
    [{ type: 'PIN' }, true],
    [{ field_name: 'SECURITY_ANSWER' }, true],
    [{ field_name: 'ONE_TIME_TOKEN' }, true],
    [{ field_name: 'client_secret' }, true],
    [{ field_name: 'LOGIN', field_type: 'LOGIN' }, false],
    [{ field_name: 'EMAIL', label: 'Password hint' }, false],
  ])('%j → %s', (over, secret) => {
    expect(isSecretField(field(over))).toBe(secret);
  });
});

describe('isAccountSelectionChallenge', () => {
  it('recognises MX\'s "Please select an account:" OPTIONS challenge', () => {
    expect(isAccountSelectionChallenge(accountSelection)).toBe(true);
    expect(isAccountSelectionChallenge(colour)).toBe(false);
    expect(isAccountSelectionChallenge({ ...accountSelection, type: 'TEXT' })).toBe(false);
  });
});

describe('presetChallengeAnswer', () => {
  it('picks the first account for "first", in any case', () => {
    expect(presetChallengeAnswer(presets({ selectAccount: 'FIRST' }), accountSelection, selection)).toBe('act-1');
  });
  it('matches an account by value or by label', () => {
    expect(presetChallengeAnswer(presets({ selectAccount: 'act-2' }), accountSelection, selection)).toBe('act-2');
    expect(presetChallengeAnswer(presets({ selectAccount: 'savings' }), accountSelection, selection)).toBe('act-2');
  });
  it('lists the available accounts when the preset matches none', () => {
    expect(() => presetChallengeAnswer(presets({ selectAccount: 'Brokerage' }), accountSelection, selection)).toThrowError(
      new PresetMismatchError(
        'The account choice given (--select-account or MX_IAV_SELECT_ACCOUNT) matches none of the choices MX offers: "Checking", "Savings".',
        'Pass one of those labels or values instead.',
      ),
    );
    try {
      presetChallengeAnswer(presets({ selectAccount: 'Brokerage' }), accountSelection, selection);
    } catch (error) {
      expect(error).toBeInstanceOf(PresetMismatchError);
      expect((error as PresetMismatchError).exitCode).toBe(2);
    }
  });
  it('matches a label without the masked digits MX adds, unless two accounts share the name', () => {
    const masked: Challenge = {
      ...accountSelection,
      options: [{ label: 'Checking ••3111', value: 'act-1' }, { label: 'Savings ••3733', value: 'act-2' }, { label: 'Savings ••9012', value: 'act-3' }],
    };
    expect(presetChallengeAnswer(presets({ selectAccount: 'checking' }), masked, selection)).toBe('act-1');
    expect(() => presetChallengeAnswer(presets({ selectAccount: 'Savings' }), masked, selection)).toThrow(
      'The account choice given (--select-account or MX_IAV_SELECT_ACCOUNT) matches more than one choice: "Savings ••3733", "Savings ••9012".',
    );
    expect(presetChallengeAnswer(presets({ selectAccount: 'Savings ••9012' }), masked, selection)).toBe('act-3');
  });
  it('leaves account selection to the prompter when no preset was given, even with --answer values', () => {
    expect(presetChallengeAnswer(presets({ answers: ['x'] }), accountSelection, selection)).toBeUndefined();
  });
  it('takes other answers in order, by answerIndex', () => {
    const given = presets({ answers: ['Provo', 'Blue'], selectAccount: 'first' });
    expect(presetChallengeAnswer(given, city, { answerIndex: 0, isAccountSelection: false })).toBe('Provo');
    expect(presetChallengeAnswer(given, colour, { answerIndex: 1, isAccountSelection: false })).toBe('b');
    expect(presetChallengeAnswer(given, city, { answerIndex: 2, isAccountSelection: false })).toBeUndefined();
  });
  it('accepts an option value as an answer and rejects an answer matching no option', () => {
    expect(presetChallengeAnswer(presets({ answers: ['r'] }), colour, { answerIndex: 0, isAccountSelection: false })).toBe('r');
    expect(() => presetChallengeAnswer(presets({ answers: ['Green'] }), colour, { answerIndex: 0, isAccountSelection: false })).toThrow(
      'The answer given for challenge 1 matches none of the choices MX offers: "Red", "Blue".',
    );
  });
  it('matches IMAGE_OPTIONS by label too', () => {
    const images: Challenge = {
      guid: 'CRD-img', type: 'IMAGE_OPTIONS', label: 'Which is yours?', field_name: null,
      image_options: [{ label: 'Cat', value: 'c', data_uri: null }, { label: 'Dog', value: 'd', data_uri: null }],
    };
    expect(presetChallengeAnswer(presets({ answers: ['dog'] }), images, { answerIndex: 0, isAccountSelection: false })).toBe('d');
  });
});
