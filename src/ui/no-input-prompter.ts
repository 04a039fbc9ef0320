// The Prompter for --no-input and CI: every answer must already be in the presets. A missing one stops the run
// with exit 6 and one sentence naming both the flag and the environment variable that would supply it.
import { InputRequiredError } from '../errors.js';
import type { Prompter } from '../flow/ports.js';
import { credentialKey, credentialLabel } from './credential-fields.js';
import { PRESET_SOURCES, presetChallengeAnswer, presetCredential, type PresetAnswers } from './preset-answers.js';
import { sanitize } from './sanitize.js';

const either = (source: { flag: string; env: string }) => `pass ${source.flag} or set ${source.env}`;
// For a secret the variable comes first: a flag's value is visible to every local user in the process list.
const envFirst = (source: { flag: string; env: string }, file = '') => `set ${source.env}${file}${file ? ',' : ''} or pass ${source.flag}`;

const and = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** `output` receives only the OAuth sign-in link: without it a run that cannot prompt could never go on. */
export function createNoInputPrompter(
  presets: PresetAnswers,
  output: NodeJS.WritableStream = process.stderr,
  /** Ends "…, but <reason>": why nothing can be asked ("stdin is not a terminal"). */
  reason = '--no-input is set',
): Prompter {
  return {
    async chooseInstitution() {
      throw new InputRequiredError(
        `mx-iav needs to know which institution to use, but ${reason}: ${either(PRESET_SOURCES.institution)}.`,
      );
    },
    async askCredentials(institution, fields) {
      const bank = sanitize(institution.name ?? institution.code) || 'The institution';
      // Every missing field in one sentence: naming one at a time costs a CI run per field.
      const missing = fields.filter((field) => presetCredential(presets, field) === undefined);
      if (missing.length > 0) {
        const sources = missing.map((field) => PRESET_SOURCES.credential(credentialKey(field)));
        const envs = and(sources.map((source) => source.env));
        const flags = sources.map((source) => source.flag).join(' ');
        throw new InputRequiredError(
          `${bank} asks for ${and(missing.map(credentialLabel))}, but ${reason}: ${envFirst({ env: envs, flag: flags }, ', give --credentials-file FILE')}.`,
        );
      }
      return fields.map((field) => ({ guid: field.guid ?? '', value: presetCredential(presets, field) ?? '' }));
    },
    async answerChallenge(challenge, position) {
      const answer = presetChallengeAnswer(presets, challenge, position);
      if (answer !== undefined) return answer;
      if (position.isAccountSelection) {
        const labels = (challenge.options ?? []).map((option) => sanitize(option.label ?? option.value)).join(', ');
        throw new InputRequiredError(
          `MX asks which account to verify (${labels || 'no accounts listed'}), but ${reason}: ` +
            `${either(PRESET_SOURCES.selectAccount)}.`,
        );
      }
      const question = sanitize(challenge.label ?? challenge.field_name) || 'a security question';
      throw new InputRequiredError(
        `MX asks "${question}" (challenge ${position.answerIndex + 1}), but ${reason}: ` +
          `${envFirst(PRESET_SOURCES.answer)}.`,
      );
    },
    async confirm(_message, { fallbackValue }) {
      return fallbackValue;
    },
    async sendToBank(uri, institution) {
      const bank = sanitize(institution.name ?? institution.code) || 'the bank';
      output.write(`Sign in to ${bank} and approve access for mx-iav: ${sanitize(uri)}\n`);
    },
  };
}
