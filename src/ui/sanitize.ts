// Every string that comes from MX (institution names, credential labels, challenge text, error messages) is
// untrusted: a hostile or broken server could clear the screen, retitle the window, hide a link behind text
// (OSC 8) or move the cursor to fake a prompt. Strip every control sequence before it reaches a terminal.

const STRING_SEQUENCES = [
  // OSC (ESC ] or 8-bit 0x9D) up to BEL, ST (ESC \ or 0x9C) or the end of the text: titles, OSC 8 links.
  /(?:\x1b\]|\x9d)[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g,
  // DCS, SOS, PM and APC carry arbitrary payloads up to ST.
  /(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[\s\S]*?(?:\x1b\\|\x9c|$)/g,
  // CSI (ESC [ or 8-bit 0x9B): parameters, intermediates, final byte (ESC[2J, colours, cursor moves).
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g,
  // Any other escape: ESC, optional intermediates, one final byte (ESC c resets the terminal).
  /\x1b[\x20-\x2f]*[\x30-\x7e]?/g,
];
// Line breaks and tabs would let a label spill over the prompt layout; they become spaces.
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u2028\u2029]/g;
// The remaining C0 controls (BEL, BS…), DEL and C1, plus bidi overrides that can reorder what is shown.
const OTHER_CONTROLS = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every terminal control sequence and control character removed; null becomes "". */
export function sanitize(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  let clean = String(text);
  for (const pattern of STRING_SEQUENCES) clean = clean.replace(pattern, '');
  return clean.replace(WHITESPACE_CONTROLS, ' ').replace(OTHER_CONTROLS, '');
}

// The colours mx-iav paints itself (chalk at level 1: bold/dim, 16 foreground colours and their resets). Nothing a
// server sends can be told from them once in the text, so these are all that is let through: at worst a colour.
const OWN_COLOUR = /^\x1b\[(?:0|1|2|4|22|24|39|3[0-7]|9[0-7])m$/;
const ANY_CSI = /\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
// Stands in for a kept colour while the rest is sanitized (a private-use character, removed from the text first).
const MARK = '\ue000';
const MARKED = /\ue000(\d+)\ue000/g;

/**
 * The one sink for human output (results, messages, errors, on stdout or stderr): every line sanitized as above, its
 * line breaks kept, and mx-iav's own colours kept. `\r` goes too, since it would let a line overwrite the one before.
 */
export function sanitizeOutput(text: string): string {
  const kept: string[] = [];
  const marked = text
    .replaceAll(MARK, '')
    .replace(ANY_CSI, (sequence) => (OWN_COLOUR.test(sequence) ? `${MARK}${kept.push(sequence) - 1}${MARK}` : ''));
  const clean = marked.split('\n').map((line) => sanitize(line)).join('\n');
  return clean.replace(MARKED, (_all, index: string) => kept[Number(index)] ?? '');
}
