import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../../src/mx/types.js';
import { solidPng } from '../../src/sandbox/bank/png.js';
import { createInquirerPrompter } from '../../src/ui/inquirer-prompter.js';
import { inlineImageProtocol, inlineImageSequence, terminalInlineImage } from '../../src/ui/inline-image.js';
import { createFakeTerminal, KEY } from './helpers/fake-terminal.js';

const png = solidPng([46, 160, 67]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
// Every kitty graphics command: its keys and its payload.
const kittyCommands = (text: string) => [...text.matchAll(/\x1b_G([^;]*);([^\x1b]*)\x1b\\/g)].map(([, keys, data]) => ({ keys, data: data ?? '' }));

describe('which terminals draw pictures', () => {
  it.each([
    [{ TERM_PROGRAM: 'iTerm.app' }, 'iterm2'],
    [{ TERM: 'xterm-kitty' }, 'kitty'],
    [{ TERM: 'xterm-256color', KITTY_WINDOW_ID: '1' }, 'kitty'],
    [{ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux-0/default,1,0' }, null],
    [{ TERM: 'xterm-kitty', STY: '123.pts-0' }, null],
    [{ TERM_PROGRAM: 'Apple_Terminal', TERM: 'xterm-256color' }, null],
    [{}, null],
  ])('%j → %s', (env, protocol) => {
    expect(inlineImageProtocol(env)).toBe(protocol);
  });
});

describe('the escape sequences', () => {
  it('iTerm2: one OSC 1337 inline file carrying the bytes as they are', () => {
    const sequence = inlineImageSequence(png, 'png', 'iterm2') ?? '';
    const match = /^\x1b\]1337;File=inline=1;size=(\d+);preserveAspectRatio=1:([A-Za-z0-9+/=]+)\x07$/.exec(sequence);
    expect(match?.[1]).toBe(String(png.length));
    expect(Buffer.from(match?.[2] ?? '', 'base64').equals(png)).toBe(true);
    expect(inlineImageSequence(jpeg, 'jpg', 'iterm2')).toContain(`size=${jpeg.length}`);
  });

  it('kitty: a small PNG is one command that transmits and shows it, with replies turned off', () => {
    const commands = kittyCommands(inlineImageSequence(png, 'png', 'kitty') ?? '');
    expect(commands).toHaveLength(1);
    expect(commands[0]?.keys).toBe('a=T,f=100,q=2,m=0');
    expect(Buffer.from(commands[0]?.data ?? '', 'base64').equals(png)).toBe(true);
  });

  it('kitty: a large PNG goes in chunks of at most 4096 base64 bytes, m=1 on all but the last', () => {
    const big = Buffer.concat([png, randomBytes(10_000)]); // noise does not compress: several chunks
    const sequence = inlineImageSequence(big, 'png', 'kitty') ?? '';
    const commands = kittyCommands(sequence);
    expect(commands.length).toBeGreaterThan(1);
    expect(commands.map((command) => command.keys)).toEqual([
      'a=T,f=100,q=2,m=1',
      ...Array.from({ length: commands.length - 2 }, () => 'm=1'),
      'm=0',
    ]);
    for (const command of commands) expect(command.data.length).toBeLessThanOrEqual(4096);
    for (const command of commands.slice(0, -1)) expect(command.data.length % 4).toBe(0);
    expect(Buffer.from(commands.map((command) => command.data).join(''), 'base64').equals(big)).toBe(true);
  });

  it('kitty takes only PNG as it is: a JPEG is not drawn', () => {
    expect(inlineImageSequence(jpeg, 'jpg', 'kitty')).toBeNull();
  });
});

describe('only a terminal gets them', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it('draws from a data URI for iTerm2 on a terminal, and checks the bytes first', () => {
    const draw = terminalInlineImage(tty, { TERM_PROGRAM: 'iTerm.app' });
    expect(draw?.(`data:image/png;base64,${png.toString('base64')}`)).toMatch(/^\x1b\]1337;File=inline=1;/);
    expect(() => draw?.('data:image/png;base64,PHN2Zz4=')).toThrow(/not a PNG, JPEG or GIF/);
  });

  it('never on a pipe, a dumb terminal, or a terminal without a protocol', () => {
    expect(terminalInlineImage(pipe, { TERM_PROGRAM: 'iTerm.app' })).toBeUndefined();
    expect(terminalInlineImage(tty, { TERM_PROGRAM: 'iTerm.app', TERM: 'dumb' })).toBeUndefined();
    expect(terminalInlineImage(tty, { TERM: 'xterm-256color' })).toBeUndefined();
  });
});

describe('the prompter with a terminal that draws pictures', () => {
  function setup(open?: (target: string) => Promise<boolean>) {
    const terminal = createFakeTerminal();
    const writeImage = vi.fn(async () => '/tmp/mx-iav-image-x/challenge.png');
    const prompter = createInquirerPrompter({
      input: terminal.input,
      output: terminal.output,
      presets: { credentials: {}, answers: [] },
      writeImage,
      inlineImage: terminalInlineImage({ isTTY: true } as NodeJS.WriteStream, { TERM_PROGRAM: 'iTerm.app' }),
      ...(open && { open }),
    });
    return { terminal, prompter, writeImage };
  }
  const imageData: Challenge = { guid: 'CRD-i', type: 'IMAGE_DATA', label: 'What do you see?', field_name: null, image_data: png.toString('base64') };

  it('IMAGE_DATA: the picture is drawn above the question and no file is written', async () => {
    const { terminal, prompter, writeImage } = setup();
    const answer = prompter.answerChallenge(imageData, { answerIndex: 0, isAccountSelection: false });
    await terminal.answer('What do you see?', 'green', KEY.enter);
    expect(await answer).toBe('green');
    expect(terminal.raw()).toContain('The bank sent this image; type what it shows:\n\x1b]1337;File=inline=1;');
    expect(writeImage).not.toHaveBeenCalled();
  });

  it('IMAGE_OPTIONS: each option\'s picture is drawn under its label before the choice', async () => {
    const { terminal, prompter } = setup();
    const uri = `data:image/png;base64,${png.toString('base64')}`;
    const challenge: Challenge = {
      guid: 'CRD-io', type: 'IMAGE_OPTIONS', label: 'Which one?', field_name: null,
      image_options: [{ label: 'first', value: 'v1', data_uri: uri }, { label: 'second', value: 'v2', data_uri: uri }],
    };
    const answer = prompter.answerChallenge(challenge, { answerIndex: 0, isAccountSelection: false });
    await terminal.answer('Which one?', KEY.down, KEY.enter);
    expect(await answer).toBe('v2');
    expect(terminal.raw().match(/\x1b\]1337;File=inline=1;/g)).toHaveLength(2);
    expect(terminal.raw()).toMatch(/first:\n\x1b\]1337;[^\x07]*\x07\nsecond:\n\x1b\]1337;/);
  });
});
