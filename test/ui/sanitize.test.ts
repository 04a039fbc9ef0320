import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/ui/sanitize.js';

describe('sanitize', () => {
  it.each([
    ['clear screen', '\x1b[2JMX Bank', 'MX Bank'],
    ['SGR colour', '\x1b[31;1mred\x1b[0m', 'red'],
    ['cursor move (CSI with intermediates)', 'a\x1b[10;20Hb\x1b[?25l', 'ab'],
    ['OSC 8 hyperlink, ST-terminated', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['OSC window title, BEL-terminated', '\x1b]0;pwned\x07Bank', 'Bank'],
    ['unterminated OSC swallows the rest', 'ok\x1b]0;never ends', 'ok'],
    ['BEL and backspace', 'Pass\x07word\x08', 'Password'],
    ['C1 CSI (0x9B)', 'a\x9b2Jb', 'ab'],
    ['C1 OSC (0x9D) ended by C1 ST (0x9C)', 'a\x9d0;t\x9cb', 'ab'],
    ['other C1 controls', 'a\x85\x8db', 'ab'],
    ['DCS payload', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['ESC c full reset', 'a\x1bcb', 'ab'],
    ['DEL', 'a\x7fb', 'ab'],
    ['newlines and tabs become spaces', 'line1\nline2\tx\r', 'line1 line2 x '],
    ['bidi override', 'abc\u202Edef', 'abcdef'],
    ['plain unicode kept', 'Crédit Agricole • 信用', 'Crédit Agricole • 信用'],
  ])('%s', (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  it('turns null and undefined into the empty string', () => {
    expect(sanitize(null)).toBe('');
    expect(sanitize(undefined)).toBe('');
  });
});
