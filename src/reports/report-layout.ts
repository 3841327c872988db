import type { ShareFigures } from './report-types.js';

/**
 * A report laid out for text and CSV, from one list of columns: the text table formats each value by its
 * kind, the CSV writes it raw (full precision, shares as fractions, empty for null).
 */
export type CellKind = 'text' | 'count' | 'usd' | 'share' | 'pct';
export type Cell = string | number | null;

export interface Column<T> {
  /** Header in the text table. */
  title: string;
  /** Header in the CSV (snake_case). */
  csv: string;
  kind: CellKind;
  value: (row: T) => Cell;
  /** What the text table shows for null (CSV leaves it empty): `(no team)`, `(not served)`. */
  nullLabel?: string;
}

export interface Section<T> {
  title?: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** A last row set apart (the total), shown in the text table only. */
  total?: T;
}

export interface ReportLayout {
  /** Lines above the tables: what, when, how many requests. */
  heading: string[];
  sections: Array<Section<never>>;
  /** The one flat table the CSV holds. */
  csv: Section<never>;
}

/** Erase a section's row type, for a list of sections with different rows. */
export function section<T>(s: Section<T>): Section<never> {
  return s as unknown as Section<never>;
}

export function formatCell(value: Cell, kind: CellKind, nullLabel?: string): string {
  if (value === null) return nullLabel ?? (kind === 'text' ? '(none)' : '-');
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return group(Math.round(value).toString());
    case 'usd':
      return formatUsd(value);
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'pct':
      return `${value.toFixed(1)}%`;
    default:
      return String(value);
  }
}

/** `$1,234.5678`: four decimals throughout, as costs per request are often fractions of a cent. */
export function formatUsd(value: number): string {
  const sign = value < 0 ? '-' : '';
  const [whole = '0', frac = ''] = Math.abs(value).toFixed(4).split('.');
  return `${sign}$${group(whole)}.${frac}`;
}

function group(digits: string): string {
  const negative = digits.startsWith('-');
  const d = negative ? digits.slice(1) : digits;
  return (negative ? '-' : '') + d.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The columns of those figures, in the order every share table shows them. */
export function shareColumns<T extends ShareFigures>(): Column<T>[] {
  return [
    { title: 'tokens', csv: 'tokens', kind: 'count', value: (r) => r.tokens },
    { title: 'token share', csv: 'token_share', kind: 'share', value: (r) => r.tokenShare },
    { title: 'cost', csv: 'cost_usd', kind: 'usd', value: (r) => r.costUsd },
    { title: 'spend share', csv: 'spend_share', kind: 'share', value: (r) => r.spendShare },
    { title: 'unknown tok', csv: 'unknown_token_requests', kind: 'count', value: (r) => r.unknownTokenRequests },
    { title: 'unknown cost', csv: 'unknown_cost_requests', kind: 'count', value: (r) => r.unknownCostRequests },
  ];
}
