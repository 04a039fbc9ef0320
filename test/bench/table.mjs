// The benchmark's report: one markdown table row per figure, each beside its target and whether it was met.

export const ms = (s) => `${fmt(s.median)} ms (${fmt(s.p10)}–${fmt(s.p90)})`;
export const mb = (s) => `${s.median.toFixed(1)} MB (${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;
export const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

function fmt(value) {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** rows: { figure, measured, compared, ratio, target, met } (met: true, false, or null for a figure with no target). */
export function renderTable(rows) {
  const header = ['figure', 'mx-iav', 'compared with', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.figure, r.measured, r.compared ?? '', r.ratio ?? '', r.target ?? '', r.met === null ? '' : r.met ? 'yes' : '**NO**']);
  const line = (values) => `| ${values.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
}
