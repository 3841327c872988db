import { formatCell, formatUsd, section, shareColumns, type Column, type ReportLayout } from './report-layout.js';
import type { ProviderShareRow, ProvidersReport } from './report-types.js';

const COLUMNS: readonly Column<ProviderShareRow>[] = [
  { title: 'provider', csv: 'provider', kind: 'text', value: (r) => r.provider, nullLabel: '(not served)' },
  { title: 'type', csv: 'provider_type', kind: 'text', value: (r) => r.providerType, nullLabel: '-' },
  { title: 'jurisdiction', csv: 'jurisdiction', kind: 'text', value: (r) => r.jurisdiction ?? (r.selfHosted ? 'self-hosted' : 'unknown') },
  { title: 'requests', csv: 'requests', kind: 'count', value: (r) => r.requests },
  { title: 'req share', csv: 'request_share', kind: 'share', value: (r) => r.requestShare },
  ...shareColumns<ProviderShareRow>(),
];

export function layoutProvidersReport(report: ProvidersReport): ReportLayout {
  return {
    heading: [
      `Providers, ${report.range.since} to ${report.range.until}`,
      `${report.requests} requests, ${formatCell(report.tokens, 'count')} known tokens, ${formatUsd(report.costUsd)} known cost`,
    ],
    sections: [section({ columns: COLUMNS, rows: report.rows })],
    csv: section({ columns: COLUMNS, rows: report.rows }),
  };
}
