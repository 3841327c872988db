import type { RouteSelfCheck } from '../routing/cost-quality/router-self-check.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DEPLOYMENT_STATES, type DeploymentHealthView } from '../routing/health/describe-health.js';
import type { Usage } from '../spec/usage.js';

/** Distinct model names kept as labels; later ones are counted under `other`. */
export const MAX_MODEL_LABELS = 500;
const OTHER = 'other';

export interface RequestOutcome {
  route: string;
  model: string;
  provider: string;
  status: number;
  stream: boolean;
  seconds: number;
  usage?: Usage;
}

/**
 * Prometheus metrics: Node's own (event-loop delay, heap, GC, CPU), and per request its count by route,
 * model, provider and status, its duration, and the tokens it used. Labelled series are looked up once
 * and kept, so recording a request costs a map read per series rather than prom-client's label hashing.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'switchyard_requests_total',
    help: 'Requests answered, by route, model, provider and HTTP status.',
    labelNames: ['route', 'model', 'provider', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'switchyard_request_duration_seconds',
    help: 'Time from request to the end of the response.',
    labelNames: ['route', 'stream'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'switchyard_tokens_total',
    help: 'Tokens reported by providers, by model, provider and kind (input, output).',
    labelNames: ['model', 'provider', 'kind'] as const,
    registers: [this.registry],
  });
  private readonly cacheRequests = new Counter({
    name: 'switchyard_cache_requests_total',
    help: 'Requests the response cache answered (hit), looked up without an answer (miss), or was on for but not used for (bypass).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly models = new Set<string>();
  private readonly series = new Map<string, { inc(n?: number): void } | { observe(v: number): void }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  record(outcome: RequestOutcome): void {
    const o = { ...outcome, model: this.modelLabel(outcome.model, outcome.status) };
    this.counter(`r|${o.route}|${o.model}|${o.provider}|${o.status}`, () =>
      this.requests.labels(o.route, o.model, o.provider, String(o.status)),
    ).inc();
    this.histogram(`d|${o.route}|${o.stream}`, () => this.duration.labels(o.route, String(o.stream))).observe(o.seconds);
    const input = o.usage?.inputTokens;
    const output = o.usage?.outputTokens;
    if (input !== undefined) this.counter(`i|${o.model}|${o.provider}`, () => this.tokens.labels(o.model, o.provider, 'input')).inc(input);
    if (output !== undefined) this.counter(`o|${o.model}|${o.provider}`, () => this.tokens.labels(o.model, o.provider, 'output')).inc(output);
  }

  /**
   * The model label: names a client chose are unbounded, so a request refused as the client's fault (4xx
   * but 429) is counted without its model, and past MAX_MODEL_LABELS distinct names the rest share `other`.
   */
  private modelLabel(model: string, status: number): string {
    if (model === '' || (status >= 400 && status < 500 && status !== 429)) return '';
    if (this.models.has(model)) return model;
    if (this.models.size >= MAX_MODEL_LABELS) return OTHER;
    this.models.add(model);
    return model;
  }

  /**
   * `switchyard_deployment_state{deployment, state}`: 1 for each configured deployment's current state
   * (closed, open, half-open, cooling, misconfigured), 0 for the others, read at each scrape.
   */
  watchHealth(read: () => DeploymentHealthView[]): void {
    new Gauge({
      name: 'switchyard_deployment_state',
      help: 'Each deployment\'s state: 1 for the state it is in (closed, open, half-open, cooling, misconfigured), 0 for the others.',
      labelNames: ['deployment', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const v of read()) for (const state of DEPLOYMENT_STATES) this.labels(v.deployment, state).set(v.state === state ? 1 : 0);
      },
    });
  }

  /**
   * The router self-check, read at each scrape: `switchyard_router_self_check{route, state}` (1 for the
   * state the route is in: better, worse, unclear), `switchyard_router_advantage{route, bound}` (the
   * estimate and its 95% interval; absent until there is one), `switchyard_router_fallback_active{route}`.
   */
  watchRouterSelfChecks(read: () => RouteSelfCheck[]): void {
    new Gauge({
      name: 'switchyard_router_self_check',
      help: "Whether each cost-quality route's router beats random at its threshold on judged shadow samples: 1 for its state (better, worse, unclear).",
      labelNames: ['route', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const c of read()) for (const state of ['better', 'worse', 'unclear'] as const) this.labels(c.route, state).set(c.assessment.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'switchyard_router_advantage',
      help: 'How much more often the cheap answer was as good when the router sent a request cheap than when it kept it strong (0 for a random router), with its 95% interval.',
      labelNames: ['route', 'bound'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const c of read()) {
          const a = c.assessment;
          if (a.advantage === null || a.low === null || a.high === null) continue;
          this.labels(c.route, 'estimate').set(a.advantage);
          this.labels(c.route, 'low').set(a.low);
          this.labels(c.route, 'high').set(a.high);
        }
      },
    });
    new Gauge({
      name: 'switchyard_router_fallback_active',
      help: "1 while a cost-quality route routes by its self-check's safe policy instead of its router.",
      labelNames: ['route'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const c of read()) this.labels(c.route).set(c.active ? 1 : 0);
      },
    });
  }

  /** `switchyard_cache_requests_total{outcome}`: what the response cache did (hit, miss, bypass). */
  countCache(outcome: 'hit' | 'miss' | 'bypass'): void {
    this.counter(`c|${outcome}`, () => this.cacheRequests.labels(outcome)).inc();
  }

  /** The exposition text for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private counter(key: string, make: () => { inc(n?: number): void }): { inc(n?: number): void } {
    let s = this.series.get(key) as { inc(n?: number): void } | undefined;
    if (!s) this.series.set(key, (s = make()));
    return s;
  }

  private histogram(key: string, make: () => { observe(v: number): void }): { observe(v: number): void } {
    let s = this.series.get(key) as { observe(v: number): void } | undefined;
    if (!s) this.series.set(key, (s = make()));
    return s;
  }
}
