import type { ServedShareRow, UsageQueries } from '../ledger/usage-queries.js';
import { sameGroup, type ConcentrationLimit } from '../routing/policies/concentration.js';
import { share } from './report-figures.js';
import type { ConcentrationShareRow } from './report-types.js';

/**
 * The share each group (provider, developer or origin country) takes of the served traffic in each cap's
 * sliding window ending now, from the ledger, so across every process that writes to it. Like the planner,
 * it counts served requests only (no failures, no shadow or judge calls). Groups are those with traffic in
 * the window, and those named in the cap's `only`; largest first.
 */
export async function buildConcentrationShares(limits: readonly ConcentrationLimit[], queries: UsageQueries, now: number): Promise<ConcentrationShareRow[]> {
  const out: ConcentrationShareRow[] = [];
  for (const limit of limits) {
    const rows = await queries.servedShares({ since: now - limit.windowMs, until: now + 1 });
    const amount = (r: ServedShareRow) => (limit.measure === 'requests' ? r.requests : limit.measure === 'tokens' ? r.tokens : r.costUsd);
    const groupOf = (r: ServedShareRow) => (limit.by === 'provider' ? r.provider : limit.by === 'developer' ? r.developer : r.origin);
    const total = rows.reduce((s, r) => s + amount(r), 0);
    const groups = new Map<string, number>();
    for (const r of rows) {
      const g = groupOf(r);
      if (g !== null) groups.set(g, (groups.get(g) ?? 0) + amount(r));
    }
    const seen = [...groups.keys()];
    const names = [...seen, ...(limit.only ?? []).filter((name) => !seen.some((g) => sameGroup(limit, name, g)))];
    for (const group of names) {
      if (limit.only && !limit.only.some((name) => sameGroup(limit, name, group))) continue;
      const s = share(groups.get(group) ?? 0, total);
      out.push({ by: limit.by, measure: limit.measure, window: windowText(limit.windowMs), group, share: s, maxShare: limit.maxShare, overCap: s !== null && s >= limit.maxShare });
    }
  }
  return out.sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
}

function windowText(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}
