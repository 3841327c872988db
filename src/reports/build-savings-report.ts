import { assessRouter, MIN_PER_SIDE } from '../routing/cost-quality/assess-router.js';
import type { Price } from '../catalog/catalog-types.js';
import { priceUsage } from '../ledger/price-usage.js';
import { DAY_MS, type ModelTokensRow, type UsageQueries } from '../ledger/usage-queries.js';
import { compareText, plural, share } from './report-figures.js';
import { formatUsd } from './report-layout.js';
import { reportRange } from './report-range.js';
import type { ReportOptions, SavingsFigures, SavingsReport } from './report-types.js';
import { ReportOptionError } from './report-option-error.js';
import { resolveBaseline, type ReportCatalog } from './resolve-baseline.js';

/**
 * What was paid against what the same tokens would have cost at the baseline's price, per team, per served
 * model and in total, with a projection for a year. Only requests whose token counts and cost are both
 * known are compared; the others are counted and named, never priced as 0 tokens.
 */
export async function buildSavingsReport(
  options: ReportOptions,
  queries: UsageQueries,
  catalog: ReportCatalog | undefined,
  now: number,
): Promise<SavingsReport> {
  if (options.by !== undefined && options.by !== 'team') {
    throw new ReportOptionError('by', options.by, 'savings are always given per team and in total');
  }
  const { range, label } = reportRange(options, now);
  // without a baseline the routing and cache sections still stand: they carry their own comparisons
  const baseline = options.baseline === undefined ? undefined : resolveBaseline(options.baseline, catalog);
  const rows = await queries.tokensByModel({ ...range, by: 'team' });

  const teams = new Map<string | null, SavingsFigures>();
  const models = new Map<string, { provider: string | null; model: string | null; figures: SavingsFigures }>();
  const total = emptyFigures();
  let unsent = 0;
  for (const row of rows) {
    // a request that never reached a provider is in none of the groups a sent one can be in
    unsent += row.requests - row.comparableRequests - row.unknownTokenRequests - row.unknownCostRequests;
    if (!baseline) continue;
    const figures = compare(row, baseline.offer.price);
    const team = row.team ?? null;
    teams.set(team, addFigures(teams.get(team) ?? emptyFigures(), figures));
    const modelKey = JSON.stringify([row.provider, row.servedModel]);
    const entry = models.get(modelKey) ?? { provider: row.provider, model: row.servedModel, figures: emptyFigures() };
    addFigures(entry.figures, figures);
    models.set(modelKey, entry);
    addFigures(total, figures);
  }

  const span = await queries.span(range);
  const start = Math.max(range.since, span.firstTs ?? range.until);
  const end = Math.min(range.until, now);
  const days = Math.max(0, (end - start) / DAY_MS);
  const projected = baseline && days >= 1 ? (total.savingUsd / days) * 365 : null;

  const judged = await queries.judgedSamples(range);
  const router = (await queries.router(range)).map((r) => ({
    route: r.route,
    requests: r.requests,
    weakShare: share(r.weakRequests, r.requests),
    comparedRequests: r.comparableRequests,
    paidUsd: r.paidUsd,
    alwaysStrongUsd: r.strongUsd,
    savingUsd: r.strongUsd - r.paidUsd,
    savingPct: r.strongUsd > 0 ? ((r.strongUsd - r.paidUsd) / r.strongUsd) * 100 : null,
    shadowSpendUsd: r.shadowSpendUsd,
    shadowSamples: r.shadowSamples,
    judged: r.judged,
    weakAsGoodRate: share(r.weakAsGood, r.judged),
    // a report reads the evidence as it stands (the interval says how sure it is); a route's min_samples
    // is the gateway's caution before it acts on it
    selfCheck: assessRouter(
      judged.filter((s) => s.route === r.route),
      2 * MIN_PER_SIDE,
    ),
  }));
  const cache = await queries.cacheSavings(range);
  const sent = span.requests - cache.hits;
  return {
    report: 'savings',
    range: label,
    requests: span.requests,
    notes: [
      ...(baseline ? notes(total, days, sent, baseline.note) : [NO_BASELINE]),
      ...(unsent > 0 ? [`${plural(unsent, 'request')} never reached a provider (refused, or failed before any answer): they cost nothing and are not compared.`] : []),
      ...cacheNotes(cache),
    ],
    baseline: baseline
      ? {
          ref: baseline.ref,
          provider: baseline.offer.provider,
          upstreamModel: baseline.offer.upstreamModel,
          ...(baseline.model && { catalogModel: baseline.model.id }),
          price: baseline.offer.price,
        }
      : null,
    daysCovered: Math.round(days * 100) / 100,
    projectedYearlySavingUsd: projected,
    total: baseline ? finish(total) : null,
    teams: [...teams]
      .map(([team, f]) => ({ team, ...finish(f) }))
      .sort((a, b) => b.paidUsd - a.paidUsd || compareText(a.team, b.team)),
    models: [...models.values()]
      .map((m) => ({ provider: m.provider, model: m.model, ...finish(m.figures) }))
      .sort((a, b) => b.paidUsd - a.paidUsd || compareText(a.provider, b.provider) || compareText(a.model, b.model)),
    router,
    cache,
  };
}

const NO_BASELINE =
  'No baseline: the comparison of every request with one model needs one (the config\'s `baseline:`, or the baseline option, e.g. openai/gpt-5); the cost-quality and cache figures need none.';

function cacheNotes(cache: SavingsReport['cache']): string[] {
  if (cache.hits === 0) return [];
  const out = [`${plural(cache.hits, 'request')} answered from the response cache: left out of the comparison, saving ${formatUsd(cache.savedUsd)} (what they would have cost upstream).`];
  if (cache.unknownSavedRequests) out.push(`${plural(cache.unknownSavedRequests, 'cache hit')} had no known price: not in that saving.`);
  return out;
}

function compare(row: ModelTokensRow, price: Price): SavingsFigures {
  const usage = {
    inputTokens: row.inputTokens,
    cachedInputTokens: row.cachedInputTokens,
    cacheWriteTokens: row.cacheWriteTokens,
    outputTokens: row.outputTokens,
    reasoningTokens: row.reasoningTokens,
  };
  const baselineUsd = priceUsage(usage, price, () => {
    throw new Error('unreachable: the compared token counts are known');
  }).cost ?? 0;
  return {
    requests: row.comparableRequests,
    paidUsd: row.costUsd,
    baselineUsd,
    savingUsd: 0,
    savingPct: null,
    unknownTokenRequests: row.unknownTokenRequests,
    unknownCostRequests: row.unknownCostRequests,
    estimatedCostRequests: row.estimatedCostRequests,
  };
}

function emptyFigures(): SavingsFigures {
  return {
    requests: 0,
    paidUsd: 0,
    baselineUsd: 0,
    savingUsd: 0,
    savingPct: null,
    unknownTokenRequests: 0,
    unknownCostRequests: 0,
    estimatedCostRequests: 0,
  };
}

function addFigures(into: SavingsFigures, more: SavingsFigures): SavingsFigures {
  into.requests += more.requests;
  into.paidUsd += more.paidUsd;
  into.baselineUsd += more.baselineUsd;
  into.unknownTokenRequests += more.unknownTokenRequests;
  into.unknownCostRequests += more.unknownCostRequests;
  into.estimatedCostRequests += more.estimatedCostRequests;
  into.savingUsd = into.baselineUsd - into.paidUsd;
  return into;
}

function finish(f: SavingsFigures): SavingsFigures {
  const savingUsd = f.baselineUsd - f.paidUsd;
  return { ...f, savingUsd, savingPct: f.baselineUsd > 0 ? (savingUsd / f.baselineUsd) * 100 : null };
}

function notes(total: SavingsFigures, days: number, requests: number, baselineNote: string | undefined): string[] {
  const out: string[] = [];
  if (baselineNote) out.push(baselineNote);
  out.push(`Compared ${plural(total.requests, 'request')} of ${requests}: those with known token counts and a known cost.`);
  if (total.unknownTokenRequests) {
    out.push(`${plural(total.unknownTokenRequests, 'request')} had unknown token counts and cannot be re-priced: left out of both sides.`);
  }
  if (total.unknownCostRequests) {
    out.push(`${plural(total.unknownCostRequests, 'request')} had token counts but no known cost (no price): left out of both sides.`);
  }
  if (total.estimatedCostRequests) {
    out.push(`${plural(total.estimatedCostRequests, 'compared request')} had a paid cost estimated from a token count of the text.`);
  }
  out.push(
    days >= 1
      ? `The data covers ${days.toFixed(2)} days; the yearly projection is the saving / ${days.toFixed(2)} × 365.`
      : `The data covers less than a day (${(days * 24).toFixed(2)} h): no yearly projection.`,
  );
  return out;
}
