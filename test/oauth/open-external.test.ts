import { describe, expect, it, vi } from 'vitest';
import type { Institution } from '../../src/mx/types.js';
import { createInquirerPrompter } from '../../src/ui/inquirer-prompter.js';
import { createNoInputPrompter } from '../../src/ui/no-input-prompter.js';
import { isWebLink, openerFor } from '../../src/ui/open-external.js';
import { createFakeTerminal } from '../ui/helpers/fake-terminal.js';

const link = 'https://mxbank.mx.com/oauth/authorize?client_id=a&state=b&x=1';
const bank = { code: 'mx_bank_oauth', name: 'MX Bank (OAuth)' } as Institution;

describe('the opener', () => {
  it('uses the platform\'s own, with the target as one argument and no shell', () => {
    expect(openerFor(link, 'linux', {})).toEqual({ command: 'xdg-open', args: [link] });
    expect(openerFor(link, 'darwin', {})).toEqual({ command: 'open', args: [link] });
    expect(openerFor(link, 'win32', {})).toEqual({ command: 'explorer.exe', args: [link] });
  });

  it('$BROWSER wins for web links only, never for an image file', () => {
    expect(openerFor(link, 'linux', { BROWSER: '/usr/bin/firefox' })).toEqual({ command: '/usr/bin/firefox', args: [link] });
    expect(openerFor('/tmp/x/challenge.png', 'linux', { BROWSER: '/usr/bin/firefox' }).command).toBe('xdg-open');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', '--help', 'mxbank.mx.com/oauth', ''])('%j is not a web link', (text) => {
    expect(isWebLink(text)).toBe(false);
  });
});

describe('handing the sign-in link over', () => {
  it('in a terminal with --open, a web link goes to the browser; anything else is only printed', async () => {
    const terminal = createFakeTerminal();
    const open = vi.fn(async () => true);
    const prompter = createInquirerPrompter({ input: terminal.input, output: terminal.output, presets: { credentials: {}, answers: [] }, writeImage: vi.fn(), open });
    await prompter.sendToBank?.(link, bank);
    expect(open).toHaveBeenCalledWith(link);
    expect(terminal.screen()).toContain(`Sign in to MX Bank (OAuth) and approve access for mx-iav:\n  ${link}\nOpening it in your browser…`);
    await prompter.sendToBank?.('file:///etc/passwd', bank);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('says so when no browser starts', async () => {
    const terminal = createFakeTerminal();
    const prompter = createInquirerPrompter({ input: terminal.input, output: terminal.output, presets: { credentials: {}, answers: [] }, writeImage: vi.fn(), open: async () => false });
    await prompter.sendToBank?.(link, bank);
    expect(terminal.screen()).toContain('No browser could be started; open the link yourself.');
  });

  it('without a terminal, the link is printed on its stream with its control characters removed', async () => {
    let written = '';
    const output = { write: (text: string) => ((written += text), true) } as NodeJS.WritableStream;
    await createNoInputPrompter({ credentials: {}, answers: [] }, output).sendToBank?.(`${link}\x1b]0;pwned\x07`, bank);
    expect(written).toBe(`Sign in to MX Bank (OAuth) and approve access for mx-iav: ${link}\n`);
  });
});
