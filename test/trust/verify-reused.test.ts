import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// A second `verify` of a member MX already verified sends no verification and reads the numbers it has: that is
// said (in text and JSON, with when the numbers were verified), with the way to have them verified anew.

let sandbox: Sandbox;
let env: Record<string, string>;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'x' };
});
afterAll(() => sandbox.close());
const verify = ['verify', '--no-input', '--institution', 'mxbank', '--select-account', 'first'];

interface Verified {
  member_guid: string;
  verified_at: string;
  reused: boolean;
}

describe('verify of a member already verified', () => {
  it('says it reused that verification, in JSON and in text, and --reverify verifies anew', async () => {
    const configDir = tempDir();
    const first = JSON.parse((await runCli([...verify, '--json'], { configDir, env })).stdout) as Verified;
    expect(first.reused).toBe(false);
    const again = JSON.parse((await runCli([...verify, '--json'], { configDir, env })).stdout) as Verified;
    expect(again).toMatchObject({ reused: true, member_guid: first.member_guid, verified_at: first.verified_at });
    const text = await runCli(verify, { configDir, env });
    expect(text.stdout).toMatch(
      new RegExp(`^Reused the verification of member ${first.member_guid} from ${first.verified_at}; no new one was sent\\. Verify again with: mx-iav verify --reverify\\n`),
    );
    // MX's timestamps are to the second: the new verification is told apart by its time, a second on.
    sandbox.advance(1000);
    const anew = JSON.parse((await runCli([...verify, '--json', '--reverify'], { configDir, env })).stdout) as Verified;
    expect(anew.reused).toBe(false);
    expect(anew.member_guid).toBe(first.member_guid);
    expect(anew.verified_at > first.verified_at).toBe(true);
  });

  it('verify --new with the same login finds the same member (MX answers 409) and says so too', async () => {
    const configDir = tempDir();
    const first = JSON.parse((await runCli([...verify, '--json'], { configDir, env })).stdout) as Verified;
    const run = await runCli([...verify, '--json', '--new'], { configDir, env });
    expect(JSON.parse(run.stdout)).toMatchObject({ reused: true, member_guid: first.member_guid, verified_at: first.verified_at });
  });
});
