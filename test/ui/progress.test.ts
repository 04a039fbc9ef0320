import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSilentProgress, createTerminalProgress } from '../../src/ui/progress.js';

const spinner = vi.hoisted(() => ({ start: vi.fn(), stop: vi.fn(), text: '' }));
const ora = vi.hoisted(() => vi.fn());
// ora's own spinner table stays real: the frames shown are ora's, painted by mx-iav.
vi.mock('ora', async (importOriginal) => ({ ...(await importOriginal<typeof import('ora')>()), default: ora }));

function fakeStream(fields: { isTTY?: boolean; columns?: number }) {
  const chunks: string[] = [];
  const stream = {
    ...fields,
    write: (chunk: string) => {
      chunks.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, output: () => chunks.join('') };
}

/**
 * An event instead of a pause: a wait that surely spins, whose spinner starting shows that every import('ora') begun
 * before it has resolved too (they resolve in the order they began, the module being loaded already). After it,
 * "ora was called only for the barrier" means never, not "not yet".
 */
async function barrier() {
  await import('ora');
  ora.mockReturnValue({ ...spinner, start: spinner.start.mockReturnValue(spinner) });
  createTerminalProgress({ stream: fakeStream({ isTTY: true, columns: 80 }).stream, color: false, env: {} }).startWaiting('Barrier');
  await vi.waitFor(() => expect(spinner.start).toHaveBeenCalled());
}
const oraCallTexts = () => ora.mock.calls.map(([options]) => (options as { text: string }).text);

afterEach(() => {
  ora.mockReset();
  spinner.start.mockReset();
  spinner.stop.mockReset();
});

describe('createTerminalProgress', () => {
  it('prints one symbol line per message', () => {
    const { stream, output } = fakeStream({ isTTY: false });
    const progress = createTerminalProgress({ stream, color: false, env: {} });
    progress.success('Created user USR-1');
    progress.info('Using MX Bank');
    progress.warn('Routing number looks odd');
    expect(output()).toBe('✔ Created user USR-1\nℹ Using MX Bank\n⚠ Routing number looks odd\n');
  });

  it('strips control sequences from messages', () => {
    const { stream, output } = fakeStream({ isTTY: false });
    createTerminalProgress({ stream, color: false, env: {} }).info('Found \x1b[2J\x1b]0;t\x07MX Bank');
    expect(output()).toBe('ℹ Found MX Bank\n');
  });

  it('without a TTY: no spinner frames, no ora, one line per status change rather than per poll', async () => {
    const { stream, output } = fakeStream({ isTTY: false, columns: 80 });
    const progress = createTerminalProgress({ stream, color: false, env: {} });
    progress.startWaiting('Waiting for MX Bank');
    progress.updateWaiting('CREATED', 0);
    progress.updateWaiting('CREATED', 3_000);
    progress.updateWaiting('CREATED', 6_000);
    progress.updateWaiting('CHALLENGED', 9_400);
    progress.updateWaiting('CHALLENGED', 12_000);
    await barrier();
    progress.stopWaiting();
    expect(output()).toBe('· Waiting for MX Bank… CREATED · 0s\n· Waiting for MX Bank… CHALLENGED · 9s\n');
    expect(output()).not.toMatch(/\x1b|[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(oraCallTexts()).toEqual(['Barrier…']);
  });

  it('starts each wait afresh, so the first status of a new wait is printed', () => {
    const { stream, output } = fakeStream({ isTTY: false });
    const progress = createTerminalProgress({ stream, color: false, env: {} });
    progress.startWaiting('Waiting for MX Bank');
    progress.updateWaiting(null, 0);
    progress.stopWaiting();
    progress.startWaiting('Waiting for the answer');
    progress.updateWaiting(null, 1_000);
    progress.updateWaiting('RESUMED', 2_000);
    expect(output().split('\n')).toEqual([
      '· Waiting for MX Bank… no status yet · 0s',
      '· Waiting for the answer… no status yet · 1s',
      '· Waiting for the answer… RESUMED · 2s',
      '',
    ]);
  });

  it('never constructs ora on a 0-column TTY (ora would loop forever there)', async () => {
    const { stream, output } = fakeStream({ isTTY: true, columns: 0 });
    const progress = createTerminalProgress({ stream, color: false, env: {} });
    progress.startWaiting('Waiting for MX Bank');
    progress.updateWaiting('CREATED', 0);
    await barrier();
    progress.stopWaiting();
    expect(oraCallTexts()).toEqual(['Barrier…']);
    expect(output()).toBe('· Waiting for MX Bank… CREATED · 0s\n');
  });

  it.each([
    ['CI is set', { CI: '' }],
    ['TERM is dumb', { TERM: 'dumb' }],
  ])('never constructs ora when %s', async (_name, env) => {
    const { stream } = fakeStream({ isTTY: true, columns: 80 });
    const progress = createTerminalProgress({ stream, color: false, env });
    progress.startWaiting('Waiting');
    await barrier();
    expect(oraCallTexts()).toEqual(['Barrier…']);
  });

  it('spins on a real-width TTY, on the given stream, showing the status and elapsed time', async () => {
    ora.mockReturnValue({ ...spinner, start: spinner.start.mockReturnValue(spinner) });
    const { stream, output } = fakeStream({ isTTY: true, columns: 80 });
    const progress = createTerminalProgress({ stream, color: false, env: {} });
    progress.startWaiting('Waiting for MX Bank');
    await vi.waitFor(() => expect(spinner.start).toHaveBeenCalled());
    expect(ora).toHaveBeenCalledWith(
      expect.objectContaining({ stream, isEnabled: true, text: 'Waiting for MX Bank…', discardStdin: false, color: false }),
    );
    progress.updateWaiting('CHALLENGED', 4_000);
    expect(spinner.text).toBe('Waiting for MX Bank… CHALLENGED · 4s');
    progress.stopWaiting();
    expect(spinner.stop).toHaveBeenCalled();
    expect(output()).toBe('');
  });

  it('paints the symbols and spinner frames only when told to colour (ora is never asked to choose)', async () => {
    ora.mockReturnValue({ ...spinner, start: spinner.start.mockReturnValue(spinner) });
    type Options = { text: string; color: unknown; spinner: { frames: string[] } };
    const frames = (color: boolean) =>
      ora.mock.calls.map(([options]) => options as Options).find((options) => options.text === `Colour ${color}…`)!;
    for (const color of [true, false]) {
      const { stream, output } = fakeStream({ isTTY: true, columns: 80 });
      const progress = createTerminalProgress({ stream, color, env: {} });
      progress.success('Done');
      progress.startWaiting(`Colour ${color}`);
      await vi.waitFor(() => expect(frames(color)).toBeDefined());
      progress.stopWaiting();
      expect(output()).toBe(color ? '\x1b[32m✔\x1b[39m Done\n' : '✔ Done\n');
    }
    expect(frames(true).spinner.frames[0]).toBe('\x1b[36m⠋\x1b[39m');
    expect(frames(false).spinner.frames[0]).toBe('⠋');
    expect([frames(true).color, frames(false).color]).toEqual([false, false]);
  });

  it('does not start a spinner for a wait that ended before ora loaded', async () => {
    const { stream } = fakeStream({ isTTY: true, columns: 80 });
    const progress = createTerminalProgress({ stream, color: false, env: {} });
    progress.startWaiting('Waiting');
    progress.stopWaiting();
    await barrier();
    expect(oraCallTexts()).toEqual(['Barrier…']);
  });
});

describe('createSilentProgress', () => {
  it('writes nothing anywhere', () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const stdout = vi.spyOn(process.stdout, 'write');
    const progress = createSilentProgress();
    progress.info('x');
    progress.success('x');
    progress.warn('x');
    progress.startWaiting('x');
    progress.updateWaiting('CREATED', 1);
    progress.stopWaiting();
    expect(stderr).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    stderr.mockRestore();
    stdout.mockRestore();
  });
});
