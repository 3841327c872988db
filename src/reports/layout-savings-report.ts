import { formatUsd, section, type Column, type ReportLayout } from './report-layout.js';
import type { RouterSavings, SavingsFigures, SavingsReport } from './report-types.js';

const FIGURES: readonly Column<SavingsFigures>[] = [
  { title: 'compared', csv: 'compared_requests', kind: 'count', value: (r) => r.requests },
  { title: 'paid', csv: 'paid_usd', kind: 'usd', value: (r) => r.paidUsd },
  { title: 'at baseline', csv: 'baseline_usd', kind: 'usd', value: (r) => r.baselineUsd },
  { title: 'saving', csv: 'saving_usd', kind: 'usd', value: (r) => r.savingUsd },
  { title: 'saving %', csv: 'saving_pct', kind: 'pct', value: (r) => r.savingPct },
  { title: 'unknown tok', csv: 'unknown_token_requests', kind: 'count', value: (r) => r.unknownTokenRequests },
  { title: 'unknown cost', csv: 'unknown_cost_requests', kind: 'count', value: (r) => r.unknownCostRequests },
  { title: 'est. cost', csv: 'estimated_cost_requests', kind: 'count', value: (r) => r.estimatedCostRequests },
];

type Named = SavingsFigures & { scope: string; name: string | null };

const ROUTER_COLUMNS: readonly Column<RouterSavings>[] = [
  { title: 'route', csv: 'route', kind: 'text', value: (r) => r.route },
  { title: 'requests', csv: 'requests', kind: 'count', value: (r) => r.requests },
  { title: 'cheap tier', csv: 'weak_share', kind: 'share', value: (r) => r.weakShare },
  { title: 'paid', csv: 'paid_usd', kind: 'usd', value: (r) => r.paidUsd },
  { title: 'always strong', csv: 'always_strong_usd', kind: 'usd', value: (r) => r.alwaysStrongUsd },
  { title: 'saving', csv: 'saving_usd', kind: 'usd', value: (r) => r.savingUsd },
  { title: 'saving %', csv: 'saving_pct', kind: 'pct', value: (r) => r.savingPct },
  { title: 'shadow cost', csv: 'shadow_spend_usd', kind: 'usd', value: (r) => r.shadowSpendUsd },
  { title: 'judged', csv: 'judged', kind: 'count', value: (r) => r.judged },
  { title: 'cheap as good', csv: 'weak_as_good_rate', kind: 'share', value: (r) => r.weakAsGoodRate, nullLabel: 'n/a' },
  { title: 'vs random', csv: 'vs_random', kind: 'text', value: (r) => describeCheck(r.selfCheck) },
];

/** `better +0.214 [0.081, 0.330]`, `unclear (12 judged)`: the self-check's reading in one cell. */
function describeCheck(a: RouterSavings['selfCheck']): string {
  if (a.advantage === null || a.low === null || a.high === null) return `${a.state} (${a.samples} judged)`;
  const sign = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  return `${a.state} ${sign(a.advantage)} [${sign(a.low)}, ${sign(a.high)}]`;
}

export function layoutSavingsReport(report: SavingsReport): ReportLayout {
  const routes = report.router.length > 0 ? [section({ title: ROUTES_TITLE, columns: ROUTER_COLUMNS, rows: report.router })] : [];
  const cacheLine = report.cache.hits > 0
    ? [`Response cache: ${report.cache.hits} requests answered from it, saving ${formatUsd(report.cache.savedUsd)}${report.baseline ? ' beside the routing saving above' : ''}`]
    : [];
  const b = report.baseline;
  if (!b || !report.total) {
    // no baseline: what stands on its own comparison (cost-quality routes against their strong tier, the cache)
    return {
      heading: [`Savings, ${report.range.since} to ${report.range.until} (no baseline model: per-team and per-model comparison left out)`, `${report.requests} requests`, ...cacheLine],
      sections: routes,
      csv: section({ columns: ROUTER_COLUMNS, rows: report.router }),
    };
  }
  const p = b.price;
  const perM = (usd: number | undefined) => (usd === undefined ? '-' : `$${usd}`);
  const named = (title: string, nullLabel: string): Column<Named> => ({ title, csv: 'name', kind: 'text', value: (r) => r.name, nullLabel });
  const teams: Named[] = report.teams.map((t) => ({ scope: 'team', name: t.team, ...t }));
  const models: Named[] = report.models.map((m) => ({
    scope: 'model',
    name: m.provider === null && m.model === null ? null : `${m.provider ?? '(none)'}/${m.model ?? '(none)'}`,
    ...m,
  }));
  const t = report.total;
  const total: Named = { scope: 'total', name: 'total', ...t };
  const projection = report.projectedYearlySavingUsd;
  return {
    heading: [
      `Savings against ${b.provider}/${b.upstreamModel}${b.catalogModel ? ` (${b.catalogModel})` : ''}, ${report.range.since} to ${report.range.until}`,
      `Baseline price per million tokens: input ${perM(p.input)}, cached input ${perM(p.cachedInput)}, output ${perM(p.output)} (${p.source}, ${p.asOf})`,
      `${report.requests} requests, ${t.requests} compared; paid ${formatUsd(t.paidUsd)}, at baseline ${formatUsd(t.baselineUsd)}, saving ${formatUsd(t.savingUsd)}${t.savingPct === null ? '' : ` (${t.savingPct.toFixed(1)}%)`}`,
      `Data covers ${report.daysCovered} days; projected saving per year: ${projection === null ? 'n/a (less than a day of data)' : formatUsd(projection)}`,
      ...cacheLine,
    ],
    sections: [
      section({ title: 'By team', columns: [named('team', '(no team)'), ...FIGURES], rows: teams, total }),
      section({ title: 'By served model', columns: [named('provider/model', '(not served)'), ...FIGURES], rows: models, total }),
      ...routes,
    ],
    csv: section({
      columns: [{ title: 'scope', csv: 'scope', kind: 'text', value: (r: Named) => r.scope }, named('name', ''), ...FIGURES],
      rows: [...teams, ...models, total],
    }),
  };
}

const ROUTES_TITLE = 'Cost-quality routes, against sending every request to the strong tier (cheap as good: judged shadow samples)';
