// The terminal side of the widget link: the link on a line of its own on stderr (even under --json: it is the only
// way on), a QR code above it when stderr is a terminal (a customer on the phone can scan it off a shared screen),
// the browser under --open, and Enter for a new link when someone is at the keyboard.
import type { LinkOccasion, WidgetLinkPort } from '../flow/widget-link.js';
import type { InStream, OutStream } from '../session/io.js';
import { isWebLink } from './open-external.js';
import { sanitize } from './sanitize.js';

export interface WidgetLinkScreenOptions {
  output: OutStream;
  input: InStream;
  /** Someone can press Enter (a terminal, no --no-input): they then ask for new links, the flow does not. */
  interactive: boolean;
  open?: (target: string) => Promise<boolean>;
  /** Shown as "works once, for …". */
  lifetime: string;
}

const HEADINGS: Record<LinkOccasion, string> = {
  first: 'Send the customer this link to verify their account',
  asked: 'Here is a new link for the customer',
  expired: 'Here is a new link for the customer',
};

export function createWidgetLinkScreen(options: WidgetLinkScreenOptions): WidgetLinkPort {
  const { output, input } = options;
  return {
    async show(url, occasion) {
      const link = sanitize(url);
      const lines = [`${HEADINGS[occasion]} (it works once, for ${options.lifetime}):`];
      if (output.isTTY) lines.push(await qrCode(link));
      lines.push(link);
      if (options.interactive) lines.push('Press Enter for a new link if this one has been used or has expired.');
      output.write(`${lines.join('\n')}\n`);
      if (!options.open || !isWebLink(link)) return;
      output.write((await options.open(link)) ? 'Opening it in your browser…\n' : 'No browser could be started; open the link yourself.\n');
    },
    ...(options.interactive && { waitForRequest: (signal: AbortSignal) => enterPressed(input, signal) }),
  };
}

/** Loaded only when a terminal shows a link: uqr is small, but start-up time matters for every other command. */
async function qrCode(link: string): Promise<string> {
  const { renderUnicodeCompact } = await import('uqr');
  return renderUnicodeCompact(link, { ecc: 'L', border: 2 }).replace(/\n$/, '');
}

/** Resolves on the next Enter; stdin is let go again afterwards so that it never keeps the process alive. */
function enterPressed(input: InStream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      input.off('data', onData);
      signal.removeEventListener('abort', onAbort);
      input.pause();
    };
    const onData = (chunk: Buffer | string) => {
      if (!/[\r\n]/.test(chunk.toString())) return;
      done();
      resolve();
    };
    const onAbort = () => {
      done();
      reject(signal.reason);
    };
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    input.on('data', onData);
    input.resume();
  });
}

