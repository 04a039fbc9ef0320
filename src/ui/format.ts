// Pure renderers: strings in, strings out, no I/O, so they can be tested with exact expected text.
import { Chalk, type ChalkInstance } from 'chalk';
import type { AccountNumber, Institution } from '../mx/types.js';
import { isValidRoutingNumber } from '../domain/aba.js';
import { maskAccountNumber } from '../domain/masking.js';
import { sanitize } from './sanitize.js';

// chalk paints; whether to paint is decided elsewhere, once per stream, by colorWanted (src/session/command-kit.ts),
// never by chalk's own detection, which ignores NO_COLOR and looks at stdout when the text goes to stderr.
// Level 1 (16 colours) is enough for the few plain colours used here.
const COLOURS = new Chalk({ level: 1 });
const PLAIN = new Chalk({ level: 0 });

export type Painter = ChalkInstance;

export function painter(color: boolean): Painter {
  return color ? COLOURS : PLAIN;
}

export type AccountNumberRow = Pick<
  AccountNumber,
  'account_guid' | 'account_number' | 'routing_number' | 'passed_validation'
> & {
  /** From the account record, when the caller fetched it. */
  account_name?: string | null;
  account_type?: string | null;
};

export interface TableOptions {
  reveal: boolean;
  color: boolean;
  /** The terminal's width: narrower than the table, each account is shown as a block of "Header  value" lines. */
  width?: number;
}

const HEADERS = ['Account', 'Account number', 'Routing number', 'Validated'] as const;
type Cell = { text: string; paint?: ((text: string) => string) | undefined };
const CHECKSUM_MARK = ' ⚠';

/** The verified numbers as a text table; a footnote explains any routing number marked for a failed checksum. */
export function formatAccountNumbersTable(rows: AccountNumberRow[], options: TableOptions): string {
  const paint = painter(options.color);
  let anyBadChecksum = false;
  const cells = rows.map((row) => {
    const routing = sanitize(row.routing_number);
    const badChecksum = routing !== '' && !isValidRoutingNumber(routing);
    anyBadChecksum ||= badChecksum;
    return [
      { text: accountName(row) },
      { text: options.reveal ? sanitize(row.account_number) || '–' : maskAccountNumber(sanitize(row.account_number)) },
      { text: (routing || '–') + (badChecksum ? CHECKSUM_MARK : ''), paint: badChecksum ? paint.yellow : undefined },
      validatedCell(row.passed_validation, paint),
    ];
  });
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => row[column]?.text.length ?? 0)),
  );
  const line = (row: Cell[]) =>
    row
      .map((cell, column) => {
        const padded = column === row.length - 1 ? cell.text : cell.text.padEnd(widths[column] ?? 0);
        return cell.paint ? cell.paint(padded) : padded;
      })
      .join('  ');
  const total = widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  const label = Math.max(...HEADERS.map((header) => header.length));
  const block = (row: Cell[]) => row.map((cell, column) => `${paint.bold(HEADERS[column]!.padEnd(label))}  ${cell.paint ? cell.paint(cell.text) : cell.text}`).join('\n');
  const lines =
    options.width !== undefined && total > options.width
      ? [cells.map(block).join('\n\n')]
      : [line(HEADERS.map((text) => ({ text, paint: paint.bold }))), ...cells.map(line)];
  if (anyBadChecksum) {
    const note = `${CHECKSUM_MARK.trim()} Not a valid 9-digit ABA routing number; confirm it with the bank.`;
    lines.push('', paint.yellow(note));
  }
  return lines.join('\n');
}

function accountName(row: AccountNumberRow): string {
  const name = sanitize(row.account_name).trim();
  const type = sanitize(row.account_type).trim();
  if (name && type) return `${name} (${type})`;
  return name || type || sanitize(row.account_guid) || '–';
}

function validatedCell(passed: boolean | null, paint: Painter) {
  if (passed === true) return { text: '✔', paint: paint.green };
  if (passed === false) return { text: '✖', paint: paint.red };
  return { text: '–' };
}

/** "MX Bank (mxbank)"; whichever half MX left out is dropped. */
export function formatInstitution(institution: Pick<Institution, 'name' | 'code'>): string {
  const name = sanitize(institution.name).trim();
  const code = sanitize(institution.code).trim();
  if (name && code) return `${name} (${code})`;
  return name || code || '(unnamed institution)';
}

/** "Waiting for MX Bank… CHALLENGED · 4s": the spinner text, and the line printed per status change. */
export function formatStatusLine(label: string, status: string | null, elapsedMs: number): string {
  const base = sanitize(label).replace(/(?:…|\.\.\.)$/, '');
  return `${base}… ${sanitize(status) || 'no status yet'} · ${formatElapsed(elapsedMs)}`;
}

/** "4s", "1m 05s": whole seconds, since polls are seconds apart anyway. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

// Below this many columns left for the last one, a table is shown as one block of "Header  value" lines per row.
const MIN_LAST_COLUMN = 20;

/** The text in lines of at most `room` characters, broken at spaces (a longer word is cut). */
export function wrapText(text: string, room: number): string[] {
  if (room <= 0 || text.length <= room) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    for (let rest = word; rest.length > 0; rest = rest.slice(room)) {
      const piece = rest.slice(0, room);
      if (current === '') current = piece;
      else if (current.length + 1 + piece.length <= room) current = `${current} ${piece}`;
      else {
        lines.push(current);
        current = piece;
      }
    }
  }
  return [...lines, current];
}

/**
 * A plain left-aligned text table; every cell is sanitized, since most of it comes from the server. Given the
 * terminal's `width`, the last column wraps under itself, and a terminal too narrow even for that gets each row as
 * a block of "Header  value" lines; without one (a pipe) rows stay whole, one per line, for scripts.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | null | undefined)[])[], width?: number): string {
  const cells = rows.map((row) => headers.map((_, column) => sanitize(row[column]) || '–'));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)));
  const offset = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const room = width === undefined ? Infinity : width - offset;
  if (room < MIN_LAST_COLUMN) return stackedRows(headers, cells, width ?? 0);
  const line = (row: readonly string[]) => {
    const head = row.slice(0, -1).map((cell, column) => `${cell.padEnd(widths[column]!)}  `).join('');
    return wrapText(row[row.length - 1]!, room).map((part, i) => `${i === 0 ? head : ' '.repeat(offset)}${part}`.trimEnd()).join('\n');
  };
  return [line(headers), ...cells.map(line)].join('\n');
}

function stackedRows(headers: readonly string[], cells: readonly string[][], width: number): string {
  const label = Math.max(...headers.map((header) => header.length));
  const room = Math.max(MIN_LAST_COLUMN, width - label - 2);
  const block = (row: readonly string[]) =>
    row.flatMap((cell, column) => wrapText(cell, room).map((part, i) => `${i === 0 ? headers[column]!.padEnd(label) : ' '.repeat(label)}  ${part}`)).join('\n');
  return cells.map(block).join('\n\n');
}

export function formatInstitutionList(
  institutions: readonly Pick<Institution, 'code' | 'name' | 'supports_oauth'>[],
  pagination: { current_page: number; total_pages: number; total_entries: number },
): string {
  if (institutions.length === 0) return 'No institution matches.';
  const table = formatTable(
    ['Code', 'Name', 'Sign-in'],
    institutions.map((institution) => [institution.code, institution.name, institution.supports_oauth ? 'OAuth' : 'credentials']),
  );
  const more = pagination.current_page < pagination.total_pages ? `; next: --page ${pagination.current_page + 1}` : '';
  return `${table}\n\nPage ${pagination.current_page} of ${pagination.total_pages} (${pagination.total_entries} institutions${more})`;
}

export function formatScenarioTable(
  scenarios: readonly { institution: string; username: string; password: string; answers: string; outcome: string }[],
  width?: number,
): string {
  return formatTable(
    ['Institution', 'Username', 'Password', 'Answers', 'Outcome'],
    scenarios.map((row) => [row.institution, row.username, row.password, row.answers, row.outcome]),
    width,
  );
}
