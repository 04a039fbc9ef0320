import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { readSample, WEBHOOK_KINDS } from './schemas/validate.js';
import { basicHeader, post, startListener } from './listen-process.js';

const root = tempDir('mx-iav-listen-');

// What each MX sample shows in the line's columns: type, action, user, member, status.
const COLUMNS: Record<string, string[]> = {
  MEMBER: ['MEMBER', 'updated', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a', 'CONNECTED'],
  CONNECTION_STATUS: ['CONNECTION_STATUS', 'CHANGED', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a', 'CHALLENGED'],
  VERIFICATION: ['VERIFICATION', 'member_data_updated', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a', '-'],
  AGGREGATION: ['AGGREGATION', 'member_data_updated', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a', '-'],
  INITIAL_DATA_READY: ['initial_data_ready', '-', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a', '-'],
  BALANCE: ['BALANCE', 'member_data_updated', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a', '-'],
  MICRODEPOSITS: ['MICRODEPOSITS', 'created', 'USR-eaf4ac68-d17d-5e9b-7b46-959a5b315a9e', '-', 'INITIATED'],
};

describe('mx-iav listen', () => {
  it("prints one line per MX sample webhook (time, type, action, user, member, status), answers 204, and Ctrl-C ends it with 0", async () => {
    const listener = await startListener([], { configDir: `${root}/lines` });
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const kind of WEBHOOK_KINDS) expect(await post(listener.url, JSON.stringify(readSample(kind)))).toBe(204);
    const lines = await listener.lines(WEBHOOK_KINDS.length);
    const result = await listener.stop();
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('Stopped listening.');
    expect(lines.map((line) => line.split(/ {2}/).slice(1))).toEqual(WEBHOOK_KINDS.map((kind) => COLUMNS[kind]));
    for (const line of lines) expect(Date.parse(line.split(' ')[0]!)).not.toBeNaN();
  });

  it('--json prints one JSON object per line holding the summary and the payload as sent', async () => {
    const listener = await startListener(['--json', '--path', '/mx'], { configDir: `${root}/json` });
    expect(listener.url).toMatch(/\/mx$/);
    for (const kind of WEBHOOK_KINDS) expect(await post(listener.url, JSON.stringify(readSample(kind)))).toBe(204);
    const lines = await listener.lines(WEBHOOK_KINDS.length);
    await listener.stop();
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.map((p) => p.payload)).toEqual(WEBHOOK_KINDS.map((kind) => readSample(kind)));
    expect(parsed[1]).toMatchObject({ type: 'CONNECTION_STATUS', action: 'CHANGED', status: 'CHALLENGED', member_guid: 'MBR-48d9a481-f2a2-7e13-2685-62869cf0d33a' });
    expect(parsed.every((p) => typeof p.received_at === 'string')).toBe(true);
  });

  it('with --path, another path is 404 and printed on stderr, never as a webhook', async () => {
    const listener = await startListener(['--path', '/mx'], { configDir: `${root}/path` });
    expect(await post(listener.url.replace(/\/mx$/, '/other'), JSON.stringify(readSample('MEMBER')))).toBe(404);
    expect(await post(listener.url, JSON.stringify(readSample('MEMBER')))).toBe(204);
    await listener.lines(1);
    const result = await listener.stop();
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/POST \/other: not the webhook path \/mx/);
  });

  it('checks Basic auth when given: none or a wrong one is 401, the right one 204; the password is never printed', async () => {
    const listener = await startListener([], { configDir: `${root}/auth`, env: { MX_IAV_LISTEN_BASIC_AUTH: 'mx:s3cret-canary' } });
    const body = JSON.stringify(readSample('CONNECTION_STATUS'));
    expect(await post(listener.url, body)).toBe(401);
    expect(await post(listener.url, body, basicHeader('mx:wrong-canary'))).toBe(401);
    expect(await post(listener.url, body, basicHeader('mx:s3cret-canaryX'))).toBe(401);
    expect(await post(listener.url, body, { authorization: 'Bearer s3cret-canary' })).toBe(401);
    expect(await post(listener.url, body, basicHeader('mx:s3cret-canary'))).toBe(204);
    await listener.lines(1);
    const result = await listener.stop();
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.match(/refused \(401\)/g)).toHaveLength(4);
    expect(result.stdout + result.stderr).not.toMatch(/canary/);
  });

  it('--basic-auth on the command line works the same, with a warning about the process list', async () => {
    const listener = await startListener(['--basic-auth', 'mx:flag-canary'], { configDir: `${root}/auth-flag` });
    expect(await post(listener.url, '{}')).toBe(401);
    expect(await post(listener.url, JSON.stringify(readSample('MEMBER')), basicHeader('mx:flag-canary'))).toBe(204);
    await listener.lines(1);
    const result = await listener.stop();
    expect(result.stderr).toContain('--basic-auth is visible to other users in the process list');
    expect(result.stdout + result.stderr.replace(/--basic-auth/g, '')).not.toContain('flag-canary');
  });

  it('a body that is not a JSON object is answered 400 with one line on stderr, and listening goes on', async () => {
    const listener = await startListener([], { configDir: `${root}/bad` });
    expect(await post(listener.url, 'not json')).toBe(400);
    expect(await post(listener.url, '[1,2]')).toBe(400);
    expect(await post(listener.url, JSON.stringify(readSample('VERIFICATION')))).toBe(204);
    await listener.lines(1);
    const result = await listener.stop();
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.match(/a body that is not a JSON object was refused \(400, \d+ bytes\)/g)).toHaveLength(2);
  });

  it('bad flags are one sentence and exit 2; a port in use is exit 3', async () => {
    const bad = await startListener(['--forward-to', 'ftp://x'], { configDir: `${root}/flags` }, /./);
    const result = await bad.stop();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--forward-to takes an http:// or https:// URL.');
    const first = await startListener([], { configDir: `${root}/port1` });
    const port = new URL(first.url).port;
    const second = await startListener(['--port', port], { configDir: `${root}/port2` }, /./);
    const taken = await second.stop();
    await first.stop();
    expect(taken.exitCode).toBe(3);
    expect(taken.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });
});
