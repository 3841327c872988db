import { layoutOriginsReport } from './layout-origins-report.js';
import { layoutProvidersReport } from './layout-providers-report.js';
import { layoutSavingsReport } from './layout-savings-report.js';
import { layoutSpendReport } from './layout-spend-report.js';
import type { ReportLayout } from './report-layout.js';
import type { Report } from './report-types.js';
import { renderCsv } from './render-csv.js';
import { renderTextTable } from './render-text-table.js';
import { ReportOptionError } from './report-option-error.js';

export type ReportFormat = 'table' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'csv', 'json'];

export function parseReportFormat(text: string | undefined): ReportFormat {
  const format = (text ?? 'table') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new ReportOptionError('format', text, `expected ${REPORT_FORMATS.join(', ')}`);
  return format;
}

/** A report as aligned text (heading, tables, notes), as CSV (one flat table) or as JSON. */
export function renderReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, roundFloats, 2)}\n`;
  const layout = layoutOf(report);
  if (format === 'csv') return renderCsv(layout.csv);
  const parts = [layout.heading.join('\n'), ...layout.sections.map(renderTextTable)];
  if (report.notes.length > 0) parts.push(['Notes:', ...report.notes.map((n) => `  - ${n}`)].join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function layoutOf(report: Report): ReportLayout {
  switch (report.report) {
    case 'spend':
      return layoutSpendReport(report);
    case 'savings':
      return layoutSavingsReport(report);
    case 'origins':
      return layoutOriginsReport(report);
    case 'providers':
      return layoutProvidersReport(report);
  }
}

/** 15 significant digits: the noise of summed floats goes (0.225 + 0.8 = 1.0250000000000001 → 1.025). */
function roundFloats(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(15)) : value;
}
