import { ConfigError } from '../errors.js';
import { chooseInstitution, createMember } from '../flow/setup.js';
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { emit } from './output.js';
import { readPresets } from './presets.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { createMemberOptions } from './specs/guide.js';
import { hint, step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

type Options = OptionsOf<typeof createMemberOptions>;

export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal, await readPresets(options, { io: globals.io, signal }));
  try {
    const userGuid = runtime.store.read().user_guid;
    if (!userGuid) {
      throw new ConfigError(`No user is saved in profile "${globals.profile}".`, hint`Create one first: ${step('create-user')}`);
    }
    const institution = await chooseInstitution(runtime, options.institution);
    const { member, verification } = await createMember(runtime, userGuid, institution);
    // Where the create itself started the verification (v20250224), `verify` follows it instead of starting one.
    const said = hintFor(globals.invocation);
    const next = verification === 'started' ? said`MX is verifying it; follow it with: ${step('verify')}` : said`Next: ${step('verify')}`;
    emit(globals, { member, verification }, () => `Member ${member.guid} is ready. ${next}`);
  } finally {
    await runtime.close();
  }
}
