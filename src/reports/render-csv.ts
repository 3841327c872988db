import type { Cell, Section } from './report-layout.js';

/** RFC 4180 CSV: a header row, then one line per row; values raw, null as empty. */
export function renderCsv<T>(s: Section<T>): string {
  const lines = [s.columns.map((c) => quote(c.csv)), ...s.rows.map((r) => s.columns.map((c) => quote(c.value(r))))];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

function quote(value: Cell): string {
  if (value === null) return '';
  // 15 significant digits drop the noise of summed floats (1.0250000000000001 → 1.025)
  const text = typeof value === 'number' ? String(Number(value.toPrecision(15))) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
