import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { KEYS, startPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let count = 0;
const fresh = () => `${root}/p${(count += 1)}`;

describe('prompts beyond the main path', () => {
  let sandbox: Sandbox;
  beforeAll(async () => (sandbox = await createSandbox({ port: 0, jobMs: 0 })));
  afterAll(() => sandbox.close());

  it('search-institution saves the pick, and create-member then uses it', async () => {
    const configDir = fresh();
    expect((await runCli(['create-user'], { configDir })).exitCode).toBe(0);
    const search = startPty(['search-institution', 'evergreen'], configDir);
    await search.waitFor('Evergreen');
    search.type(KEYS.enter);
    await search.waitFor('Saved');
    expect(await search.exited()).toBe(0);
    const member = startPty(['create-member'], configDir);
    await member.waitFor('Username');
    member.type(`mxuser${KEYS.enter}`);
    await member.waitFor('Password');
    member.type(`pw${KEYS.enter}`);
    await member.waitFor('PIN');
    // Letters no hex guid holds, so the check below cannot trip on the member guid the screen shows.
    member.type(`p9zq${KEYS.enter}`);
    await member.waitFor('Created member');
    expect(await member.exited()).toBe(0);
    expect(member.screen()).not.toContain('p9zq');
  });

  it('writes an IMAGE_DATA challenge to a private file and prints its path', async () => {
    const session = startPty(['verify', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=image'], fresh());
    await session.waitFor(/\/\S+\.png/);
    const path = /(\/\S+\.png)/.exec(session.screen())![1]!;
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    await session.waitFor('What do you see in this image?');
    session.type(`correct${KEYS.enter}`);
    await session.waitFor('Please select an account');
    session.type(KEYS.enter);
    expect(await session.exited()).toBe(0);
  });

  it('asks once before using MX production, and a "no" stops without saving anything', async () => {
    const configDir = fresh();
    const env = { MX_API_KEY: sandbox.apiKey };
    const args = ['status', '--env', 'production', '--base-url', sandbox.url, '--client-id', sandbox.clientId];
    const declined = startPty(args, configDir, env);
    await declined.waitFor('MX production');
    declined.type(`n${KEYS.enter}`);
    expect(await declined.exited()).toBe(130);

    const accepted = startPty(args, configDir, env);
    await accepted.waitFor('MX production');
    accepted.type(`y${KEYS.enter}`);
    expect(await accepted.exited()).toBe(3);

    const again = startPty(args, configDir, env);
    expect(await again.exited()).toBe(3);
    expect(again.screen()).not.toContain('MX production');
  });

  it('config set api-key asks with a masked prompt', async () => {
    const configDir = fresh();
    const session = startPty(['config', 'set', 'api-key'], configDir);
    await session.waitFor('MX API key');
    session.type(`typed-secret-key${KEYS.enter}`);
    await session.waitFor('Saved api-key');
    expect(await session.exited()).toBe(0);
    expect(session.screen()).not.toContain('typed-secret-key');
  });
});
