import { NO_END } from '../ledger/usage-sql.js';
import type { RouterAssessment } from '../routing/cost-quality/assess-router.js';
import { describeSafePolicy } from '../routing/cost-quality/cost-quality-router.js';
import { readRoute, selfCheckWindowMs } from '../routing/cost-quality/router-self-check.js';
import { openCliStore } from './cli-store.js';
import { loadCommandConfig } from './command-config.js';
import { exitForKnownError } from './known-error.js';

export interface RouterStatusOptions {
  config?: string;
  format?: string;
}

interface RouteStatus {
  route: string;
  selfCheck: RouterAssessment;
  fallback: string | null;
  /** What a gateway on this store does now: route by the fallback instead of the router. */
  fallbackActive: boolean;
  windowDays: number;
}

/**
 * `switchyard router status`: for each cost-quality route in the config, whether its router beats random at
 * its threshold on the store's judged shadow samples, and whether the self-check's safe policy routes
 * instead: the same reading, on the same evidence, as a gateway on this store makes. 0 when every route is
 * trusted (or has no fallback to take), 3 when a fallback routes, 1 for a config or store problem.
 */
export async function runRouterStatus(opts: RouterStatusOptions, now = Date.now()): Promise<number> {
  if (opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json') {
    console.error(`--format must be text or json (got ${opts.format})`);
    return 1;
  }
  try {
    const cc = await loadCommandConfig(opts.config, { sendsNothing: true });
    const routes = cc.config.routes.filter((r) => r.costQuality);
    if (routes.length === 0) {
      console.error('No cost-quality route in the config: nothing to check (docs/router.md).');
      return 1;
    }
    const stores = await openCliStore(cc.target);
    let statuses: RouteStatus[];
    try {
      const windowMs = (r: (typeof routes)[number]) => selfCheckWindowMs(r.costQuality!.selfCheck);
      const samples = await stores.usage.judgedSamples({ since: now - Math.max(...routes.map(windowMs)), until: NO_END });
      statuses = routes.map((r) => {
        const config = r.costQuality!.selfCheck;
        const { assessment, active } = readRoute(r.name, config, samples, now);
        return {
          route: r.name,
          selfCheck: assessment,
          fallback: config ? describeSafePolicy(config.fallback) : null,
          fallbackActive: active,
          windowDays: windowMs(r) / 86_400_000,
        };
      });
    } finally {
      await stores.close();
    }
    if (opts.format === 'json') console.log(JSON.stringify({ routes: statuses }, null, 2));
    else for (const s of statuses) console.log(describeStatus(s));
    return statuses.some((s) => s.fallbackActive) ? 3 : 0;
  } catch (err) {
    return exitForKnownError(err);
  }
}

function describeStatus(s: RouteStatus): string {
  const a = s.selfCheck;
  const interval = a.advantage !== null && a.low !== null && a.high !== null
    ? `; advantage over random ${a.advantage.toFixed(3)} (95% interval ${a.low.toFixed(3)} to ${a.high.toFixed(3)})`
    : '';
  const lines = [
    `${s.route}: ${a.state}: ${a.reason}`,
    `  ${a.samples} judged shadow samples in the last ${s.windowDays} days, ${a.routedWeak} of them routed cheap${interval}`,
    s.fallback === null
      ? '  no self_check fallback configured: the router routes whatever this says'
      : s.fallbackActive
        ? `  routing by the safe policy (${s.fallback}) instead of the router`
        : `  routing by the router (fallback ${s.fallback} not in force)`,
  ];
  return lines.join('\n');
}
