import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { writeChallengeImage } from '../../src/ui/image-file.js';
import { tempDir } from '../helpers/temp-dir.js';

// A 1×1 PNG, and the first bytes of a JPEG and a GIF (only the signature matters to the writer).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');

describe('writeChallengeImage', () => {
  it('writes a PNG data URI to a fresh private directory with a 0600 file', async () => {
    const parent = tempDir();
    const path = await writeChallengeImage(`data:image/png;base64,${PNG.toString('base64')}`, parent);
    expect(dirname(dirname(path))).toBe(parent);
    expect(basename(dirname(path))).toMatch(/^mx-iav-image-/);
    expect(basename(path)).toBe('challenge.png');
    expect(readFileSync(path)).toEqual(PNG);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(readdirSync(dirname(path))).toEqual(['challenge.png']);
  });

  it('reads the format from the bytes, not the claimed type', async () => {
    const parent = tempDir();
    expect(await writeChallengeImage(`data:image/png;base64,${GIF.toString('base64')}`, parent)).toMatch(/challenge\.gif$/);
    expect(await writeChallengeImage(JPEG.toString('base64'), parent)).toMatch(/challenge\.jpg$/);
  });

  it('takes an IMAGE_DATA challenge or an image option', async () => {
    const parent = tempDir();
    const fromChallenge = await writeChallengeImage({ image_data: PNG.toString('base64') }, parent);
    const fromOption = await writeChallengeImage({ data_uri: `data:image/png;base64,${PNG.toString('base64')}` }, parent);
    expect(readFileSync(fromChallenge)).toEqual(PNG);
    expect(dirname(fromOption)).not.toBe(dirname(fromChallenge));
  });

  it.each([
    ['HTML claiming to be PNG', `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf ~\n').toString('base64')],
    ['non-base64 data URI', 'data:image/png,plain-text'],
    ['invalid base64', 'not base64 at all!'],
    ['empty data', ''],
  ])('refuses %s and writes nothing', async (_name, data) => {
    const parent = tempDir();
    await expect(writeChallengeImage(data, parent)).rejects.toBeInstanceOf(CliError);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a null image', async () => {
    await expect(writeChallengeImage({ image_data: null }, tempDir())).rejects.toThrow('The image MX sent with the challenge is empty.');
  });
});
