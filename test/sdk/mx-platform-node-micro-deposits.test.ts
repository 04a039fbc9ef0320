import { Configuration, MicrodepositsApi, UsersApi, type MicrodepositRequestBody } from 'mx-platform-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { loadSdkModels } from './sdk-models.js';

// MX's Node SDK (mx-platform-node 2.x, v20111101), unchanged, through every micro-deposit method against the sandbox.
// The SDK's model types the body's micro_deposit as an array (from the spec); the sandbox answers MX's sample, one
// object, and the SDK hands that object over untouched. So a single micro-deposit is held against the SDK's model of
// one entry (MicrodepositResponseBodyMicroDepositInner), and the lists against the models their calls declare.

const MX_HEADERS = { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' };
const models = loadSdkModels();
const sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 9, microDepositDelayMs: 0 });
const configuration = new Configuration({ username: sandbox.clientId, password: sandbox.apiKey, basePath: sandbox.url, baseOptions: { headers: MX_HEADERS } });
const users = new UsersApi(configuration);
const deposits = new MicrodepositsApi(configuration);
afterAll(() => sandbox.close());

const ENTRY = 'MicrodepositResponseBodyMicroDepositInner';
/** The one micro-deposit of a create, read or verify answer, after checking it against the SDK's model of an entry. */
function single(data: unknown) {
  const inner = (data as { micro_deposit?: unknown }).micro_deposit;
  expect(Array.isArray(inner)).toBe(false);
  expect(models.problems(ENTRY, inner)).toEqual([]);
  return inner as { guid: string; status: string; verified_at: string | null };
}

describe('mx-platform-node 2.x micro-deposit methods against the sandbox', () => {
  it('create, read, list, verify (wrong, then right), account verifications, pre-initiate and delete', async () => {
    const user = (await users.createUser({ user: { metadata: 'sdk: micro-deposits' } })).data.user!.guid!;
    const made = single((await deposits.createMicrodeposit(user, { micro_deposit: { account_number: '333312345', routing_number: '091000019', account_type: 'CHECKING', email: 'jo@example.com', first_name: 'Jo', last_name: 'Doe' } })).data);
    expect(made).toMatchObject({ guid: expect.stringMatching(/^MIC-/), status: 'INITIATED' });
    expect(single((await deposits.readUserMicrodeposit(made.guid, user)).data).status).toBe('DEPOSITED');

    const listed = (await deposits.listUserMicrodeposits(user)).data;
    expect(models.problems(models.modelOf('MicrodepositsApi', 'listUserMicrodeposits'), listed)).toEqual([]);
    expect(listed.micro_deposits!.map((item) => item.guid)).toEqual([made.guid]);

    const wrong = single((await deposits.verifyMicrodeposit(made.guid, { micro_deposit: { deposit_amount_1: 0.09, deposit_amount_2: 0.09 } })).data);
    expect(wrong.status).toBe('DENIED');
    const right = single((await deposits.verifyMicrodeposit(made.guid, { micro_deposit: { deposit_amount_1: 0.12, deposit_amount_2: 0.15 } })).data);
    expect(right).toMatchObject({ status: 'VERIFIED', verified_at: expect.any(String) });

    const verifications = (await deposits.listUserVerifications(user)).data;
    expect(models.problems(models.modelOf('MicrodepositsApi', 'listUserVerifications'), verifications)).toEqual([]);
    expect(verifications.micro_deposit!.map((item) => item.status)).toEqual(['VERIFIED']);

    // The SDK's type requires the account fields (as the spec's schema does), though its own description pre-initiates
    // from email, first_name and last_name alone; the call itself is unchanged.
    const preinitiate = { email: 'jo@example.com', first_name: 'Jo', last_name: 'Doe' } as unknown as MicrodepositRequestBody['micro_deposit'];
    const pre = single((await deposits.createMicrodeposit(user, { micro_deposit: preinitiate })).data);
    expect(pre.status).toBe('PREINITIATED');
    expect((await deposits.deleteMicrodeposit(pre.guid, user)).status).toBe(204);
    const gone = await deposits.readUserMicrodeposit(pre.guid, user).then(() => null, (error: { response?: { status: number; data: unknown } }) => error.response);
    expect(gone).toMatchObject({ status: 404, data: { error: { message: expect.any(String) } } });
  });
});
