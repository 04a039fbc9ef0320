// Challenge pictures drawn inside the terminal, for the two protocols that take an image file as it is:
// iTerm2's OSC 1337 (any format iTerm2 decodes) and kitty's graphics protocol (PNG only, as f=100).
// Anywhere else the picture goes to a file (image-file.ts).
import type { OutStream } from '../session/io.js';
import { readChallengeImage, type ChallengeImage, type ImageFormat } from './image-file.js';

export type InlineImageProtocol = 'iterm2' | 'kitty';

// kitty takes the base64 payload in pieces of at most 4096 bytes, each a multiple of 4 except the last.
const KITTY_CHUNK = 4096;

/**
 * Which protocol the terminal speaks, from what it announces about itself. Inside tmux or screen the sequences
 * would need wrapping and the outer terminal's variables are stale, so neither is used there.
 */
export function inlineImageProtocol(env: NodeJS.ProcessEnv): InlineImageProtocol | null {
  if (env.TMUX || env.STY) return null;
  if (env.TERM_PROGRAM === 'iTerm.app') return 'iterm2';
  if (env.TERM === 'xterm-kitty' || env.KITTY_WINDOW_ID) return 'kitty';
  return null;
}

/** The escape sequence that draws the image, or null when the protocol cannot take this format. */
export function inlineImageSequence(bytes: Buffer, format: ImageFormat, protocol: InlineImageProtocol): string | null {
  const base64 = bytes.toString('base64');
  if (protocol === 'iterm2') return `\x1b]1337;File=inline=1;size=${bytes.length};preserveAspectRatio=1:${base64}\x07`;
  if (format !== 'png') return null;
  const chunks: string[] = [];
  for (let start = 0; start < base64.length; start += KITTY_CHUNK) chunks.push(base64.slice(start, start + KITTY_CHUNK));
  // a=T: transmit and display at the cursor. q=2: no replies, which would otherwise arrive on stdin mid-prompt.
  return chunks
    .map((chunk, index) => {
      const more = index < chunks.length - 1 ? 1 : 0;
      const keys = index === 0 ? `a=T,f=100,q=2,m=${more}` : `m=${more}`;
      return `\x1b_G${keys};${chunk}\x1b\\`;
    })
    .join('');
}

export type InlineImage = (image: ChallengeImage) => string | null;

/**
 * The drawer for this terminal, or undefined when pictures cannot be shown in it: only a terminal on the stream
 * that carries prompts (stderr) gets escape sequences, never a pipe or a log.
 */
export function terminalInlineImage(stream: OutStream, env: NodeJS.ProcessEnv): InlineImage | undefined {
  const protocol = inlineImageProtocol(env);
  if (!protocol || !stream.isTTY || env.TERM === 'dumb') return undefined;
  return (image) => {
    const { bytes, format } = readChallengeImage(image);
    return inlineImageSequence(bytes, format, protocol);
  };
}
