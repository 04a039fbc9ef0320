// The interactive Prompter. Presets (flags and env) answer first; only what is still missing is asked.
import { InstitutionNotListedError } from '../flow/micro-deposit-ports.js';
import type { ChallengePosition, Prompter, SearchInstitutions } from '../flow/ports.js';
import type { Challenge, Institution } from '../mx/types.js';
import { credentialLabel, isSecretField } from './credential-fields.js';
import { formatInstitution } from './format.js';
import type { ChallengeImage } from './image-file.js';
import type { InlineImage } from './inline-image.js';
import { createPrompts, type Choice, type Prompts } from './inquirer-prompts.js';
import {
  challengeOptions,
  optionValue,
  presetChallengeAnswer,
  PresetMismatchError,
  presetCredential,
  type PresetAnswers,
} from './preset-answers.js';
import { isWebLink } from './open-external.js';
import { sanitize } from './sanitize.js';

export interface InquirerPrompterOptions {
  /** Where prompts render: the run's stderr (src/ui/runtime-ui.ts), so stdout carries only results. */
  output: NodeJS.WritableStream;
  /** Where keys come from: the run's stdin. */
  input: NodeJS.ReadableStream;
  signal?: AbortSignal;
  presets: PresetAnswers;
  /** Saves a challenge image to a private temp file and returns its path (see image-file.ts). */
  writeImage: (image: ChallengeImage) => Promise<string>;
  /** Draws a challenge image inside the terminal; absent where the terminal cannot (see inline-image.ts). */
  inlineImage?: InlineImage;
  /**
   * On the mx-iav sandbox only: say the test answer at each security question, where a developer needs it, and
   * the command (as this run was invoked) that lists the others. Its banks answer as MX Bank's test institution is
   * documented to ("correct"); a real bank's question never gets a hint.
   */
  sandboxAnswers?: { listedBy: string };
  /** --open: hands a sign-in link to the browser or an image file to the viewer; false when none started. */
  open?: (target: string) => Promise<boolean>;
}

/** Where the prompter writes, and what it was given: handed to the helpers below the factory. */
interface Screen {
  options: InquirerPrompterOptions;
  output: NodeJS.WritableStream;
  say: (text: string) => void;
}

export function createInquirerPrompter(options: InquirerPrompterOptions): Prompter {
  const { output } = options;
  const ask = createPrompts({ output, input: options.input, signal: options.signal });
  const say = (text: string) => output.write(`${text}\n`);
  const screen: Screen = { options, output, say };
  const showImage = (image: ChallengeImage, caption: string, fileLine?: (path: string) => string) =>
    showChallengeImage(screen, image, caption, fileLine);

  return {
    chooseInstitution: (search, initialName) => chooseInstitution(ask, say, search, initialName),

    async askCredentials(_institution, fields) {
      const values = [];
      for (const field of fields) {
        const label = `${credentialLabel(field)}:`;
        const preset = presetCredential(options.presets, field);
        const value = preset ?? (isSecretField(field) ? await ask.password(label) : await ask.input(label));
        values.push({ guid: field.guid ?? '', value });
      }
      return values;
    },

    async answerChallenge(challenge, position) {
      const preset = presetOrNotice(screen, challenge, position);
      if (preset !== undefined) return preset;
      const question = sanitize(challenge.label ?? challenge.field_name) || 'Answer:';
      const choices = challengeOptions(challenge);
      if (options.sandboxAnswers && !position.isAccountSelection) {
        say(`sandbox: the answer is "correct"${choices.length > 0 ? ' (choose it)' : ''}; other answers deny, fail or reject (${options.sandboxAnswers.listedBy}).`);
      }
      if (challenge.type === 'IMAGE_DATA' && challenge.image_data) {
        await showImage(challenge, 'The bank sent this image; type what it shows:', (path) =>
          `The bank sent an image; open it and type what it shows: ${path}`);
      }
      if (choices.length === 0) return ask.input(question);
      const items: Choice<string>[] = [];
      for (const option of choices) {
        const name = sanitize(option.label ?? option.value) || '(no label)';
        const dataUri = 'data_uri' in option ? option.data_uri : null;
        const path = dataUri ? await showImage(dataUri, `${name}:`) : undefined;
        items.push({ name, value: optionValue(option), ...(path ? { description: `Image: ${path}` } : {}) });
      }
      return ask.select(question, items);
    },

    confirm: (message, { defaultValue }) => ask.confirm(message, defaultValue),

    async sendToBank(uri, institution) {
      const bank = sanitize(institution.name ?? institution.code) || 'your bank';
      const link = sanitize(uri);
      say(`Sign in to ${bank} and approve access for mx-iav:\n  ${link}`);
      if (!options.open || !isWebLink(link)) return;
      say((await options.open(link)) ? 'Opening it in your browser…' : 'No browser could be started; open the link yourself.');
    },
  };
}

/**
 * Draws the image in the terminal when it can; otherwise saves it to a private file, says where (`fileLine`),
 * hands it to the viewer under --open, and returns the path.
 */
async function showChallengeImage(
  { options, output, say }: Screen,
  image: ChallengeImage,
  caption: string,
  fileLine?: (path: string) => string,
) {
  const inline = options.inlineImage?.(image);
  if (inline) {
    say(caption);
    output.write(`${inline}\n`);
    return undefined;
  }
  const path = await options.writeImage(image);
  if (fileLine) say(fileLine(path));
  if (options.open && !(await options.open(path))) say(`No image viewer could be started; open ${path} yourself.`);
  return path;
}

/** A preset that matches no option is reported and then asked for, rather than ending an interactive run. */
function presetOrNotice({ options, say }: Screen, challenge: Challenge, position: ChallengePosition): string | undefined {
  try {
    return presetChallengeAnswer(options.presets, challenge, position);
  } catch (error) {
    if (!(error instanceof PresetMismatchError)) throw error;
    say(`${error.message} Choose one below.`);
    return undefined;
  }
}

const MORE = { kind: 'more' } as const;
const AGAIN = { kind: 'again' } as const;
// The customer's bank is not among those offering instant verification: `verify` offers micro-deposits instead.
const NOT_LISTED = { kind: 'not-listed' } as const;
type InstitutionChoice = typeof MORE | typeof AGAIN | typeof NOT_LISTED | { kind: 'pick'; institution: Institution };
const NOT_LISTED_CHOICE: Choice<InstitutionChoice> = { name: 'My bank is not listed', value: NOT_LISTED };

async function chooseInstitution(ask: Prompts, say: (text: string) => void, search: SearchInstitutions, initialName?: string) {
  let given = initialName?.trim();
  for (;;) {
    const name = given || (await ask.input('Search for your bank (name):')).trim();
    given = undefined;
    for (let page = 1; ; page += 1) {
      const results = await search(name, page);
      if (results.items.length === 0) {
        say(page === 1 ? `No institutions match "${sanitize(name)}". Try another name.` : 'No more results.');
        break;
      }
      const { current_page, total_pages } = results.pagination;
      // MX answers 400 to /verify for these, so say so now rather than after the credentials are typed. They go
      // last because the select's cursor starts on the first entry even when it is disabled.
      const usable = (institution: Institution) => institution.supports_account_verification !== false;
      const ordered = [...results.items.filter(usable), ...results.items.filter((item) => !usable(item))];
      const choices: Choice<InstitutionChoice>[] = ordered.map((institution) => ({
        name: formatInstitution(institution),
        value: { kind: 'pick', institution },
        ...(!usable(institution) && { disabled: '(no account verification)' }),
      }));
      if (current_page < total_pages) choices.push({ name: 'More results…', value: MORE });
      choices.push({ name: 'Search again', value: AGAIN });
      choices.push(NOT_LISTED_CHOICE);
      const pageNote = total_pages > 1 ? ` (page ${current_page} of ${total_pages})` : '';
      const picked = await ask.select(`Choose your bank${pageNote}:`, choices);
      if (picked.kind === 'pick') return picked.institution;
      if (picked.kind === 'not-listed') throw new InstitutionNotListedError();
      if (picked.kind === 'again') break;
    }
  }
}
