import { formatCell, formatUsd, section, shareColumns, type Column, type ReportLayout } from './report-layout.js';
import type { OriginsReport, ShareRow } from './report-types.js';

type Row = ShareRow & { bucket: string; dimension: 'origin' | 'developer' };

const FIGURES: readonly Column<ShareRow>[] = [
  { title: 'requests', csv: 'requests', kind: 'count', value: (r) => r.requests },
  ...shareColumns<ShareRow>(),
];

export function layoutOriginsReport(report: OriginsReport): ReportLayout {
  const bucketCol: Column<Row> = { title: report.by, csv: 'bucket', kind: 'text', value: (r) => r.bucket };
  const nameCol = (title: string): Column<Row> => ({ title, csv: 'name', kind: 'text', value: (r) => r.name });
  const rowsOf = (dimension: Row['dimension']) =>
    report.buckets.flatMap((b) =>
      (dimension === 'origin' ? b.byOrigin : b.byDeveloper).map((r) => ({ ...r, bucket: b.start, dimension })),
    );
  const overall = (dimension: Row['dimension']): Row[] =>
    (dimension === 'origin' ? report.overall.byOrigin : report.overall.byDeveloper).map((r) => ({ ...r, bucket: 'all', dimension }));
  return {
    heading: [
      `Model origins by ${report.by}, ${report.range.since} to ${report.range.until}`,
      `${report.requests} requests, ${formatCell(report.overall.tokens, 'count')} known tokens, ${formatUsd(report.overall.costUsd)} known cost`,
    ],
    sections: [
      section({ title: 'By origin country, overall', columns: [nameCol('origin'), ...FIGURES], rows: overall('origin') }),
      section({ title: 'By developer, overall', columns: [nameCol('developer'), ...FIGURES], rows: overall('developer') }),
      section({ title: `By origin country, per ${report.by}`, columns: [bucketCol, nameCol('origin'), ...FIGURES], rows: rowsOf('origin') }),
      section({ title: `By developer, per ${report.by}`, columns: [bucketCol, nameCol('developer'), ...FIGURES], rows: rowsOf('developer') }),
    ],
    csv: section({
      columns: [bucketCol, { title: 'dimension', csv: 'dimension', kind: 'text', value: (r: Row) => r.dimension }, nameCol('name'), ...FIGURES],
      rows: [...overall('origin'), ...overall('developer'), ...rowsOf('origin'), ...rowsOf('developer')],
    }),
  };
}
