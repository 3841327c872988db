import type { Logger } from 'pino';
import type { SelfCheckConfig } from '../../config/gateway-config.js';
import type { RouteJudgedSample, UsageQueries } from '../../ledger/usage-queries.js';
import { NO_END } from '../../ledger/usage-sql.js';
import type { CostQualityNode } from '../model-table.js';
import { assessRouter, type RouterAssessment } from './assess-router.js';
import { describeSafePolicy } from './cost-quality-router.js';

/** Without a `self_check` block, routes are still assessed (reported, never overridden) on this many samples and days. */
export const DEFAULT_MIN_SAMPLES = 50;
export const DEFAULT_WINDOW_MS = 30 * 86_400_000;
const DEFAULT_EVERY_MS = 60_000;

/** One route's standing: the assessment, and the safe policy routing instead of the router, if any. */
export interface RouteSelfCheck {
  route: string;
  assessment: RouterAssessment;
  /** The configured fallback (`strong`, `weak`, `random(0.30)`), whether or not it is in force. */
  fallback: string | null;
  /** Whether the fallback routes now instead of the router. */
  active: boolean;
}

/** Whether a route's fallback should route, from its assessment and when it applies. */
export function fallbackApplies(a: RouterAssessment, config: SelfCheckConfig | undefined): boolean {
  if (!config) return false;
  if (a.state === 'worse') return true;
  return config.when === 'not_better' && a.state === 'unclear' && a.samples >= config.minSamples;
}

/** How far back a route's evidence reaches. */
export function selfCheckWindowMs(config: SelfCheckConfig | undefined): number {
  return config?.windowMs ?? DEFAULT_WINDOW_MS;
}

/**
 * One route's reading from judged samples (of every route; its own, inside its window, are kept): the
 * gateway's and `switchyard router status`'s, so both say the same of the same evidence.
 */
export function readRoute(
  route: string,
  config: SelfCheckConfig | undefined,
  samples: readonly RouteJudgedSample[],
  now: number,
): { assessment: RouterAssessment; active: boolean } {
  const since = now - selfCheckWindowMs(config);
  const assessment = assessRouter(
    samples.filter((s) => s.route === route && s.ts >= since),
    config?.minSamples ?? DEFAULT_MIN_SAMPLES,
  );
  return { assessment, active: fallbackApplies(assessment, config) };
}

/**
 * The router self-check: every `every_seconds` it reads each cost-quality route's judged shadow samples
 * (the ledger's, so every process sharing it reads the same evidence) and asks whether the router beats
 * random at its threshold. A route with `self_check` then routes by its safe policy while the router is
 * found worse than random (or not shown better, with `when: not_better`), and by the router again once the
 * evidence turns. Every route with samples is assessed and reported, with a `self_check` block or without.
 */
export class RouterSelfChecks {
  private readonly standing = new Map<string, RouteSelfCheck>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly routes: ReadonlyArray<{ name: string; costQuality: CostQualityNode }>,
    private readonly deps: { usage: UsageQueries; now: () => number; log: Logger },
  ) {
    for (const r of routes) {
      const config = r.costQuality.config.selfCheck;
      this.standing.set(r.name, {
        route: r.name,
        assessment: assessRouter([], config?.minSamples ?? DEFAULT_MIN_SAMPLES),
        fallback: config ? describeSafePolicy(config.fallback) : null,
        active: false,
      });
    }
  }

  /** Read the evidence now, then every `every_seconds` (the shortest of the routes'). */
  async start(): Promise<void> {
    if (this.routes.length === 0) return;
    await this.refresh();
    const every = Math.min(...this.routes.map((r) => r.costQuality.config.selfCheck?.everyMs ?? DEFAULT_EVERY_MS));
    this.timer = setInterval(() => void this.refresh(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Each cost-quality route's standing, as last read. */
  list(): RouteSelfCheck[] {
    return [...this.standing.values()];
  }

  /** Read the samples and update every route; one read at a time, errors logged and the last standing kept. */
  refresh(): Promise<void> {
    return (this.running ??= this.read().finally(() => (this.running = undefined)));
  }

  private async read(): Promise<void> {
    const now = this.deps.now();
    const window = Math.max(...this.routes.map((r) => selfCheckWindowMs(r.costQuality.config.selfCheck)));
    let samples;
    try {
      samples = await this.deps.usage.judgedSamples({ since: now - window, until: NO_END });
    } catch (err) {
      this.deps.log.warn({ err }, 'router self-check: cannot read the judged shadow samples; keeping the last standing');
      return;
    }
    for (const r of this.routes) {
      const config = r.costQuality.config.selfCheck;
      const { assessment, active } = readRoute(r.name, config, samples, now);
      const before = this.standing.get(r.name)!;
      this.standing.set(r.name, { ...before, assessment, active });
      r.costQuality.router.distrust(active ? config!.fallback : undefined);
      if (active !== before.active) {
        const fields = { route: r.name, state: assessment.state, samples: assessment.samples, advantage: assessment.advantage, low: assessment.low, high: assessment.high };
        if (active) this.deps.log.warn(fields, `router self-check: ${assessment.reason}; routing by the safe policy (${before.fallback}) instead`);
        else this.deps.log.info(fields, `router self-check: ${assessment.reason}; routing by the router again`);
      }
    }
  }
}
