import type { UsageFigures, UsageQueries } from '../ledger/usage-queries.js';
import { sameGroup, type ConcentrationLimit } from '../routing/policies/concentration.js';
import { share } from './report-figures.js';
import type { ConcentrationShareRow } from './report-types.js';

/**
 * The share each group (provider, developer or origin country) takes of the traffic in each cap's sliding
 * window ending now, from the ledger, so across every process that writes to it. Groups are those with
 * traffic in the window (or named in the cap's `only`), largest first.
 */
export async function buildConcentrationShares(limits: readonly ConcentrationLimit[], queries: UsageQueries, now: number): Promise<ConcentrationShareRow[]> {
  const out: ConcentrationShareRow[] = [];
  for (const limit of limits) {
    const range = { since: now - limit.windowMs, until: now + 1 };
    const groups = new Map<string, UsageFigures>();
    const add = (group: string | null, f: UsageFigures) => {
      if (group === null || group === 'unknown') return;
      const known = groups.get(group);
      if (!known) groups.set(group, { ...f });
      else for (const k of Object.keys(f) as Array<keyof UsageFigures>) known[k] += f[k];
    };
    if (limit.by === 'provider') for (const r of await queries.providers(range)) add(r.provider, r);
    else for (const r of await queries.origins({ ...range, bucket: 'day' })) add(limit.by === 'origin' ? r.origin : r.developer, r);
    const amount = (f: UsageFigures) => (limit.measure === 'requests' ? f.requests : limit.measure === 'tokens' ? f.inputTokens + f.outputTokens : f.costUsd);
    // the whole: every request in the window, also those with no group known
    const total = limit.by === 'provider' ? sum(await queries.providers(range), amount) : sum(await queries.origins({ ...range, bucket: 'day' }), amount);
    const seen = [...groups.keys()];
    const names = new Set([...seen, ...(limit.only ?? []).filter((name) => !seen.some((g) => sameGroup(limit, name, g)))]);
    for (const group of names) {
      if (limit.only && !limit.only.some((name) => sameGroup(limit, name, group))) continue;
      const s = share(groups.has(group) ? amount(groups.get(group)!) : 0, total);
      out.push({ by: limit.by, measure: limit.measure, window: windowText(limit.windowMs), group, share: s, maxShare: limit.maxShare, overCap: s !== null && s >= limit.maxShare });
    }
  }
  return out.sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
}

function sum<T>(rows: readonly T[], amount: (r: T) => number): number {
  return rows.reduce((s, r) => s + amount(r), 0);
}

function windowText(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}
