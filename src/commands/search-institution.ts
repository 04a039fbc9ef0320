import { UsageError } from '../errors.js';
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { formatInstitutionList } from '../ui/format.js';
import { emit } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { searchInstitutionOptions } from './specs/guide.js';
import { step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

type Options = OptionsOf<typeof searchInstitutionOptions>;

function whole(value: string | undefined, flag: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}.`);
  }
  return number;
}

/** Lists institutions that support verification; in a terminal the pick is saved for create-member and verify. */
export async function run({ globals, options, args, signal }: CommandInput<Options>) {
  const page = whole(options.page ?? '1', '--page', 1, 100_000);
  const perPage = whole(options.perPage ?? '25', '--per-page', 10, 100);
  const name = args[0];
  const runtime = await openRuntime(globals, signal);
  try {
    const search = (query: string, pageNumber: number) =>
      runtime.client.listInstitutions({ name: query, page: pageNumber, records_per_page: perPage, supports_account_verification: true });
    if (runtime.interactive && !globals.json) {
      const institution = await runtime.prompter.chooseInstitution(search, name);
      runtime.store.update({ institution_code: institution.code ?? undefined, step: 'institution' });
      emit(globals, { institution }, () => `Saved ${institution.name} (${institution.code}). ${hintFor(globals.invocation)`Next: ${step('create-member')}`}`);
      return;
    }
    const results = await search(name ?? '', page);
    emit(globals, { institutions: results.items, pagination: results.pagination }, () =>
      formatInstitutionList(results.items, results.pagination),
    );
  } finally {
    await runtime.close();
  }
}
