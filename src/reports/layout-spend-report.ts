import { formatUsd, section, type Column, type ReportLayout } from './report-layout.js';
import type { SpendFigures, SpendReport } from './report-types.js';

type Row = SpendFigures & { group: string | null; keyName?: string | null; keyTeam?: string | null };

const FIGURES: readonly Column<Row>[] = [
  { title: 'requests', csv: 'requests', kind: 'count', value: (r) => r.requests },
  { title: 'input tok', csv: 'input_tokens', kind: 'count', value: (r) => r.inputTokens },
  { title: 'cached tok', csv: 'cached_input_tokens', kind: 'count', value: (r) => r.cachedInputTokens },
  { title: 'output tok', csv: 'output_tokens', kind: 'count', value: (r) => r.outputTokens },
  { title: 'cost', csv: 'cost_usd', kind: 'usd', value: (r) => r.costUsd },
  { title: 'unknown cost', csv: 'unknown_cost_requests', kind: 'count', value: (r) => r.unknownCostRequests },
  { title: 'est. cost', csv: 'estimated_cost_requests', kind: 'count', value: (r) => r.estimatedCostRequests },
  { title: 'unknown tok', csv: 'unknown_token_requests', kind: 'count', value: (r) => r.unknownTokenRequests },
];

/** By key: the key's name and team beside its id ('-' for a key the store no longer holds, or unnamed). */
const KEY_COLUMNS: readonly Column<Row>[] = [
  { title: 'name', csv: 'key_name', kind: 'text', value: (r) => r.keyName ?? null, nullLabel: '-' },
  { title: 'team', csv: 'key_team', kind: 'text', value: (r) => r.keyTeam ?? null, nullLabel: '-' },
];

const NO_GROUP: Record<SpendReport['by'], string> = {
  day: '(none)',
  key: '(no key)',
  team: '(no team)',
  model: '(not served)',
  provider: '(not served)',
};

export function layoutSpendReport(report: SpendReport): ReportLayout {
  const named = report.by === 'key' && report.rows.some((r) => r.keyName !== undefined);
  const columns: Column<Row>[] = [
    { title: report.by, csv: report.by, kind: 'text', value: (r) => r.group, nullLabel: NO_GROUP[report.by] },
    ...(named ? KEY_COLUMNS : []),
    ...FIGURES,
  ];
  const total = { group: 'total', ...report.total };
  return {
    heading: [
      `Spend by ${report.by}, ${report.range.since} to ${report.range.until}`,
      `${report.requests} requests, ${formatUsd(report.total.costUsd)} known cost`,
    ],
    sections: [section({ columns, rows: report.rows, total })],
    csv: section({ columns, rows: report.rows }),
  };
}
