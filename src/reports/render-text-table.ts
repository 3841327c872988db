import { formatCell, type Section } from './report-layout.js';

/** An aligned text table: text left, figures right, a rule under the header and above the total. */
export function renderTextTable<T>(s: Section<T>): string {
  const header = s.columns.map((c) => c.title);
  const body = s.rows.map((r) => s.columns.map((c) => formatCell(c.value(r), c.kind, c.nullLabel)));
  const total = s.total === undefined ? undefined : s.columns.map((c) => formatCell(c.value(s.total as T), c.kind, c.nullLabel));
  const all = [header, ...body, ...(total ? [total] : [])];
  const widths = s.columns.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (s.columns[i]?.kind === 'text' ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [...(s.title ? [s.title] : []), line(header), rule, ...body.map(line)];
  if (total) lines.push(rule, line(total));
  if (s.rows.length === 0) lines.push('(no requests)');
  return lines.join('\n');
}
