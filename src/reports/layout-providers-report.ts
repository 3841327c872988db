import { formatCell, formatUsd, section, shareColumns, type Column, type ReportLayout } from './report-layout.js';
import type { ConcentrationShareRow, ProviderShareRow, ProvidersReport } from './report-types.js';

const COLUMNS: readonly Column<ProviderShareRow>[] = [
  { title: 'provider', csv: 'provider', kind: 'text', value: (r) => r.provider, nullLabel: '(not served)' },
  { title: 'type', csv: 'provider_type', kind: 'text', value: (r) => r.providerType, nullLabel: '-' },
  { title: 'jurisdiction', csv: 'jurisdiction', kind: 'text', value: (r) => r.jurisdiction ?? (r.selfHosted ? 'self-hosted' : 'unknown') },
  { title: 'requests', csv: 'requests', kind: 'count', value: (r) => r.requests },
  { title: 'req share', csv: 'request_share', kind: 'share', value: (r) => r.requestShare },
  ...shareColumns<ProviderShareRow>(),
];

const CAP_COLUMNS: readonly Column<ConcentrationShareRow>[] = [
  { title: 'cap by', csv: 'by', kind: 'text', value: (r) => r.by },
  { title: 'group', csv: 'group', kind: 'text', value: (r) => r.group },
  { title: 'measure', csv: 'measure', kind: 'text', value: (r) => r.measure },
  { title: 'window', csv: 'window', kind: 'text', value: (r) => r.window },
  { title: 'share now', csv: 'share', kind: 'share', value: (r) => r.share },
  { title: 'cap', csv: 'max_share', kind: 'share', value: (r) => r.maxShare },
  { title: 'status', csv: 'over_cap', kind: 'text', value: (r) => (r.overCap ? 'AT CAP: others preferred' : 'under') },
];

export function layoutProvidersReport(report: ProvidersReport): ReportLayout {
  return {
    heading: [
      `Providers, ${report.range.since} to ${report.range.until}`,
      `${report.requests} requests, ${formatCell(report.tokens, 'count')} known tokens, ${formatUsd(report.costUsd)} known cost`,
    ],
    sections: [
      section({ columns: COLUMNS, rows: report.rows }),
      ...(report.concentration ? [section({ title: '\nConcentration caps (shares over each window ending now)', columns: CAP_COLUMNS, rows: report.concentration })] : []),
    ],
    csv: section({ columns: COLUMNS, rows: report.rows }),
  };
}
