import { ConfigError } from '../errors.js';
import { chooseInstitution, createMember } from '../flow/setup.js';
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { emit } from './output.js';
import { readPresets, type AnswerFlags } from './presets.js';

export interface CreateMemberFlags extends AnswerFlags {
  institution?: string;
}

export async function run({ globals, options, signal }: CommandInput<CreateMemberFlags>) {
  const runtime = await openRuntime(globals, signal, await readPresets(options, { io: globals.io, signal }));
  try {
    const userGuid = runtime.store.read().user_guid;
    if (!userGuid) {
      throw new ConfigError(`No user is saved in profile "${globals.profile}".`, 'Create one first: mx-iav create-user');
    }
    const institution = await chooseInstitution(runtime, options.institution);
    const { member, verification } = await createMember(runtime, userGuid, institution);
    // Where the create itself started the verification (v20250224), `verify` follows it instead of starting one.
    const next = verification === 'started' ? 'MX is verifying it; follow it with: mx-iav verify' : 'Next: mx-iav verify';
    emit(globals, { member, verification }, () => `Member ${member.guid} is ready. ${next}`);
  } finally {
    await runtime.close();
  }
}
