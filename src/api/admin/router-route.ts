import type { RouteConfig, ThresholdSetting } from '../../config/gateway-config.js';
import type { RouteTable } from '../../http/route-table.js';
import type { UsageQueries } from '../../ledger/usage-queries.js';
import { wilsonInterval } from '../../reports/wilson-interval.js';
import type { ModelTable } from '../../routing/model-table.js';
import type { RouterModelFile } from '../../routing/router/model-file.js';
import { readTimeRange } from './read-time-range.js';
import { rejectUnknownParams } from './reject-unknown-fields.js';

export interface RouterDeps {
  routes: readonly RouteConfig[];
  models: ModelTable;
  usage: UsageQueries;
  now: () => number;
}

/**
 * `GET /admin/router?since=30d`: the cost-quality routes (their tiers and thresholds), the router model
 * they score with (what it was trained on, and its calibration curve: the share of the strong tier's
 * quality kept at each share of strong calls), and what shadow traffic measured: how often the judge found
 * the cheap answer as good, with a 95% Wilson interval. `null` where nothing is configured or known.
 */
export function registerRouterRoute(routes: RouteTable, deps: RouterDeps): void {
  const costQuality = deps.routes.filter((r) => r.costQuality !== undefined);
  // read at each request: a threshold set as a share follows the traffic (live calibration)
  const describedRoutes = () => costQuality.map((r) => {
    const node = deps.models.node(r.name);
    const router = node?.kind === 'group' ? node.costQuality?.router : undefined;
    const cq = r.costQuality!;
    return {
      route: r.name,
      strategy: r.strategy,
      cheap: [...cq.weak],
      strong: [...cq.strong],
      threshold: router && Number.isFinite(router.threshold) ? router.threshold : null,
      threshold_setting: settingWire(cq.threshold),
      threshold_from: router?.calibration ?? null,
      router_model: cq.routerModel ?? null,
      shadow: cq.shadow ? { sample: cq.shadow.sample, budget_usd: cq.shadow.budgetUsd, judge: cq.shadow.judge ?? null } : null,
    };
  });
  const first = costQuality[0];
  const firstNode = first && deps.models.node(first.name);
  const model = firstNode?.kind === 'group' ? firstNode.costQuality?.router.model.file : undefined;
  const shadowed = costQuality.some((r) => r.costQuality?.shadow !== undefined);
  routes.get(
    '/admin/router',
    async (rc) => {
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['since', 'until']);
      const { since, until } = readTimeRange(params, deps.now(), '30d');
      return {
        active: costQuality.length > 0,
        routes: describedRoutes(),
        model: model ? modelWire(model, first!.costQuality!.routerModel) : null,
        curve: model ? model.calibration.relativeQuality.map((q, i): [number, number] => [i / 100, q]) : null,
        shadow: shadowed ? await shadowWire(deps.usage, since, until) : null,
      };
    },
    { admin: true },
  );
}

function settingWire(s: ThresholdSetting): Record<string, number> {
  if ('score' in s) return { score: s.score };
  if ('strongShare' in s) return { strong_share: s.strongShare };
  return { quality: s.quality };
}

function modelWire(file: RouterModelFile, path: string | undefined) {
  const t = file.training;
  return {
    kind: file.kind,
    file: path ?? null,
    trained_on: t.examples,
    validation_examples: t.validationExamples,
    trained_at: t.trainedAt,
    datasets: t.datasets,
    sources: t.sources,
    validation: t.validation,
  };
}

async function shadowWire(usage: UsageQueries, since: number, until: number) {
  const rows = await usage.router({ since, until });
  const samples = rows.reduce((n, r) => n + r.shadowSamples, 0);
  const judged = rows.reduce((n, r) => n + r.judged, 0);
  const good = rows.reduce((n, r) => n + r.weakAsGood, 0);
  return { since, until, samples, judged, cheap_as_good: good, rate: judged > 0 ? good / judged : null, ci: wilsonInterval(good, judged) };
}
