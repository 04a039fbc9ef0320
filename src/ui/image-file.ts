// IMAGE_DATA and IMAGE_OPTIONS challenges carry pictures most terminals cannot show (inline-image.ts handles the
// ones that can), so they go to a file the user opens. The bytes come from the server: only recognised image
// formats are accepted, and written into a private directory.
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from '../errors.js';
import type { Challenge, ChallengeImageOption } from '../mx/types.js';
import { hint, step } from '../next-step.js';

const MAX_BYTES = 10 * 1024 * 1024;

const FORMATS = [
  { extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { extension: 'gif', magic: [0x47, 0x49, 0x46, 0x38] },
] as const;

export type ChallengeImage = Pick<Challenge, 'image_data'> | Pick<ChallengeImageOption, 'data_uri'> | string;
export type ImageFormat = (typeof FORMATS)[number]['extension'];

/** The decoded bytes and their format, read from the bytes rather than from the data URI's claimed type. */
export function readChallengeImage(source: ChallengeImage): { bytes: Buffer; format: ImageFormat } {
  const bytes = decodeImage(source);
  const format = FORMATS.find(({ magic }) => magic.every((byte, index) => bytes[index] === byte));
  if (!format) throw badImage('is not a PNG, JPEG or GIF image');
  return { bytes, format: format.extension };
}

const written = new Set<string>();

/**
 * Writes the image to `<parent>/mx-iav-image-XXXXXX/challenge.<ext>` (directory 0700, file 0600); returns its path.
 * The directory is removed when mx-iav exits: by then the challenge is answered, and a picture the bank sent to
 * identify the user should not outlive the run in a shared temporary directory.
 */
export async function writeChallengeImage(source: ChallengeImage, parent: string = tmpdir()): Promise<string> {
  const { bytes, format } = readChallengeImage(source);
  const dir = await mkdtemp(join(parent, 'mx-iav-image-'));
  if (written.size === 0) process.once('exit', removeWritten);
  written.add(dir);
  const path = join(dir, `challenge.${format}`);
  await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
  return path;
}

function removeWritten() {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
}

function decodeImage(source: ChallengeImage): Buffer {
  const text = typeof source === 'string' ? source : 'data_uri' in source ? source.data_uri : source.image_data;
  if (!text) throw badImage('is empty');
  const match = /^data:([^,]*),/i.exec(text);
  if (match && !/;base64$/i.test(match[1] ?? '')) throw badImage('is not base64-encoded');
  const base64 = (match ? text.slice(match[0].length) : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) throw badImage('is not valid base64');
  if ((base64.length * 3) / 4 > MAX_BYTES) throw badImage('is larger than 10 MB');
  return Buffer.from(base64, 'base64');
}

function badImage(reason: string): CliError {
  return new CliError(`The image MX sent with the challenge ${reason}.`, {
    exitCode: EXIT.api,
    code: 'bad_challenge_image',
    hint: hint`Run ${step('verify')} again; if it happens again, the bank may need a different sign-in method.`,
  });
}
