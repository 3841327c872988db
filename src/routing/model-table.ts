import type { ModelConfig, RouteConfig, RouteStrategy } from '../config/gateway-config.js';
import type { ProviderAdapter } from '../spec/provider-adapter.js';
import { deploymentKey, type DeploymentInfo, type DescribeDeployment } from './deployment-info.js';
import { CostQualityRouter, type Tier } from './cost-quality/cost-quality-router.js';
import type { CostQualityConfig } from '../config/gateway-config.js';

/** A deployment ready to be called: the provider's adapter, the model name it knows, and what is known of it. */
export interface ResolvedDeployment {
  providerId: string;
  model: string;
  adapter: ProviderAdapter;
  info: DeploymentInfo;
}

/** What a name a client asks for stands for: one deployment, or a group tried by a strategy. */
export type RouteNode =
  | { kind: 'deployment'; deployment: ResolvedDeployment }
  | {
      kind: 'group';
      name: string;
      strategy: RouteStrategy;
      hedgeAfterMs?: number;
      children: ReadonlyArray<{ node: RouteNode; weight: number }>;
      /** Cost-quality routes: the two tiers (children holds the weak tier's targets, then the strong's). */
      costQuality?: CostQualityNode;
    };

export interface CostQualityNode {
  router: CostQualityRouter;
  /** How many of the children are the weak tier. */
  weakCount: number;
  config: CostQualityConfig;
  /** Each tier's deployments (deploymentKey), every level of nesting flattened: fixed once the table is built. */
  tiers: { weak: ReadonlySet<string>; strong: ReadonlySet<string> };
}

/** The tier a deployment belongs to in a cost-quality route; undefined outside both (a request's own fallback model). */
export function tierOf(cq: CostQualityNode, d: { providerId: string; model: string }): Tier | undefined {
  const key = deploymentKey(d);
  return cq.tiers.weak.has(key) ? 'weak' : cq.tiers.strong.has(key) ? 'strong' : undefined;
}

export interface ListedModel {
  id: string;
  /** Set for a route (`routes:`, and `auto`): a strategy over targets that may be different models. */
  route?: RouteStrategy;
  /** Every deployment it may reach, in configured order. */
  deployments: readonly ResolvedDeployment[];
}

/** Direct `<provider>/<model>` deployments are described once and kept, up to this many. */
const DIRECT_CACHE_LIMIT = 10_000;

/**
 * The names clients may ask for: routes (a strategy over targets), configured models (their deployments
 * in order) and, for any other `<provider id>/<upstream model>`, that provider directly. Built once at
 * start; only direct deployments are described on first use.
 */
export class ModelTable {
  private readonly nodes = new Map<string, RouteNode>();
  private readonly direct = new Map<string, RouteNode>();
  private readonly routeNames = new Set<string>();

  constructor(
    models: readonly ModelConfig[],
    private readonly adapters: ReadonlyMap<string, ProviderAdapter>,
    private readonly describe: DescribeDeployment,
    private readonly extraListed: readonly string[] = [],
    routes: readonly RouteConfig[] = [],
  ) {
    for (const m of models) {
      const children = m.deployments.flatMap((d) => {
        const adapter = adapters.get(d.providerId);
        if (!adapter) return [];
        const deployment = { providerId: d.providerId, model: d.model, adapter, info: describe(d.providerId, d.model) };
        return [{ node: { kind: 'deployment' as const, deployment }, weight: 1 }];
      });
      this.nodes.set(m.name, { kind: 'group', name: m.name, strategy: 'fallback', children });
    }
    const byName = new Map(routes.map((r) => [r.name, r]));
    const build = (r: RouteConfig, seen: Set<string>): RouteNode => {
      const existing = this.nodes.get(r.name);
      if (existing) return existing;
      const resolveTargets = (targets: readonly { target: string; weight: number }[]) =>
        targets.flatMap((t) => {
          const sub = byName.get(t.target);
          const node = sub && !seen.has(sub.name) ? build(sub, new Set([...seen, r.name])) : this.node(t.target);
          return node ? [{ node, weight: t.weight }] : [];
        });
      const weakTargets = r.costQuality ? r.targets.slice(0, r.costQuality.weak.length) : r.targets;
      const weak = resolveTargets(weakTargets);
      const children = [...weak, ...resolveTargets(r.targets.slice(weakTargets.length))];
      const cq = r.costQuality;
      const node: RouteNode = {
        kind: 'group',
        name: r.name,
        strategy: r.strategy,
        children,
        ...(r.hedgeAfterMs !== undefined && { hedgeAfterMs: r.hedgeAfterMs }),
        ...(cq && {
          costQuality: {
            router: CostQualityRouter.load(cq.routerModel, cq.threshold),
            weakCount: weak.length,
            config: cq,
            tiers: { weak: deploymentKeys(children.slice(0, weak.length)), strong: deploymentKeys(children.slice(weak.length)) },
          },
        }),
      };
      this.nodes.set(r.name, node);
      return node;
    };
    for (const r of routes) {
      build(r, new Set());
      this.routeNames.add(r.name);
    }
  }

  /**
   * What a requested name stands for, or undefined when the gateway does not serve it. `auto` is the route
   * called auto, else the one cost-quality route when there is exactly one.
   */
  /** The cost-quality routes, by name. */
  costQualityRoutes(): Array<{ name: string; costQuality: CostQualityNode }> {
    const out: Array<{ name: string; costQuality: CostQualityNode }> = [];
    for (const [name, node] of this.nodes) if (node.kind === 'group' && node.costQuality) out.push({ name, costQuality: node.costQuality });
    return out;
  }

  node(name: string): RouteNode | undefined {
    const known = this.nodes.get(name) ?? this.direct.get(name);
    if (known) return known;
    if (name === AUTO) return this.autoRoute();
    const slash = name.indexOf('/');
    if (slash <= 0 || slash === name.length - 1) return undefined;
    const providerId = name.slice(0, slash);
    const adapter = this.adapters.get(providerId);
    if (!adapter) return undefined;
    const model = name.slice(slash + 1);
    const node: RouteNode = { kind: 'deployment', deployment: { providerId, model, adapter, info: this.describe(providerId, model) } };
    if (this.direct.size < DIRECT_CACHE_LIMIT) this.direct.set(name, node);
    return node;
  }

  private autoRoute(): RouteNode | undefined {
    const cq = [...this.nodes.values()].filter((n) => n.kind === 'group' && n.costQuality);
    return cq.length === 1 ? cq[0] : undefined;
  }

  /** Every deployment a name may reach, in configured order, or undefined when it is unknown. */
  resolve(name: string): readonly ResolvedDeployment[] | undefined {
    const node = this.node(name);
    return node ? flatten(node) : undefined;
  }

  /** Every configured model and route, then well-known `<provider>/<model>` names when no models are configured. */
  list(): ListedModel[] {
    const out: ListedModel[] = [];
    const auto = !this.nodes.has(AUTO) && this.autoRoute() ? [AUTO] : [];
    for (const id of [...this.nodes.keys(), ...auto, ...this.extraListed.filter((n) => !this.nodes.has(n))]) {
      const node = this.node(id);
      if (!node) continue;
      const route = node.kind === 'group' && (this.routeNames.has(id) || (id === AUTO && !this.nodes.has(AUTO))) ? node.strategy : undefined;
      out.push({ id, ...(route && { route }), deployments: flatten(node) });
    }
    return out;
  }
}

const AUTO = 'auto';

/** A node's deployments in configured order, each once. */
function deploymentKeys(children: ReadonlyArray<{ node: RouteNode }>): Set<string> {
  return new Set(children.flatMap((c) => flatten(c.node)).map(deploymentKey));
}

export function flatten(node: RouteNode): ResolvedDeployment[] {
  const out: ResolvedDeployment[] = [];
  const seen = new Set<string>();
  const walk = (n: RouteNode) => {
    if (n.kind === 'deployment') {
      const key = `${n.deployment.providerId}/${n.deployment.model}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(n.deployment);
      }
    } else {
      for (const c of n.children) walk(c.node);
    }
  };
  walk(node);
  return out;
}
