import { describe, expect, it } from 'vitest';
import { isValidRoutingNumber } from '../../src/domain/aba.js';
import { isAccountSelectionChallenge, isSupportedChallenge } from '../../src/domain/challenges.js';
import { isCode, isGuid } from '../../src/domain/identifiers.js';
import { maskAccountNumber } from '../../src/domain/masking.js';

describe('maskAccountNumber', () => {
  it.each([
    ['123456789', '••••6789'],
    ['12345678', '••••5678'],
    ['1234567', '••••567'],
    ['10001', '••••01'],
    ['5555', '••••55'],
    ['123', '••••3'],
    ['7', '••••'],
    ['', '–'],
    [null, '–'],
  ])('%s → %s', (input, expected) => {
    expect(maskAccountNumber(input)).toBe(expected);
  });
});

describe('isValidRoutingNumber', () => {
  it.each([
    ['011000015', true],
    ['021000021', true],
    ['123456789', false],
    ['021000022', false],
    ['02100002', false],
    ['68899990000000', false],
    ['02100002a', false],
    [null, false],
  ])('%s → %s', (routing, valid) => {
    expect(isValidRoutingNumber(routing)).toBe(valid);
  });
});

describe('guids and codes', () => {
  it.each([
    ['user', 'USR-11141024-90b3', true],
    ['user', 'MBR-11141024', false],
    ['member', 'MBR-', false],
    ['account', 'ACT-a/b', false],
  ] as const)('%s %s → %s', (kind, value, valid) => {
    expect(isGuid(kind, value)).toBe(valid);
  });
  it.each([['mxbank', true], ['..', false], ['a b', false], ['', false]])('code %s → %s', (value, valid) => {
    expect(isCode(value)).toBe(valid);
  });
});

describe('challenges', () => {
  it('recognises the account-selection challenge by its OPTIONS type and label only', () => {
    expect(isAccountSelectionChallenge({ type: 'OPTIONS', label: 'Please select an account:' })).toBe(true);
    expect(isAccountSelectionChallenge({ type: 'TEXT', label: 'Please select an account:' })).toBe(false);
    expect(isSupportedChallenge({ type: 'IMAGE_OPTIONS' })).toBe(true);
    expect(isSupportedChallenge({ type: 'SMS' })).toBe(false);
  });
});
