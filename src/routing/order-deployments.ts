import { blendedPrice, deploymentKey } from './deployment-info.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import type { ResolvedDeployment, RouteNode } from './model-table.js';

export interface OrderContext {
  health: DeploymentHealth;
  /** In [0, 1): the weighted strategy's dice. */
  random: () => number;
  /** The tier a cost-quality route decided on for this request; the strong tier first when none was decided. */
  tier?: 'weak' | 'strong';
}

/**
 * The deployments a node may reach, in the order its strategy says to try them: fallback in order;
 * weighted by drawing the first by weight, then the next among the rest, and so on (the rest are still
 * fallbacks); lowest-price by blended price (unknown prices last); lowest-latency by the moving median of
 * time to first token, deployments not yet measured first so they get measured. Each deployment once.
 */
export function orderDeployments(node: RouteNode, ctx: OrderContext): ResolvedDeployment[] {
  const out: ResolvedDeployment[] = [];
  const seen = new Set<string>();
  for (const d of expand(node, ctx)) {
    const key = deploymentKey(d);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

function expand(node: RouteNode, ctx: OrderContext): ResolvedDeployment[] {
  if (node.kind === 'deployment') return [node.deployment];
  switch (node.strategy) {
    case 'fallback':
      return node.children.flatMap((c) => expand(c.node, ctx));
    case 'weighted':
      return drawByWeight(node.children, ctx.random).flatMap((c) => expand(c.node, ctx));
    case 'lowest-price':
      return sortBy(node.children.flatMap((c) => expand(c.node, ctx)), (d) => blendedPrice(d.info), 'last');
    case 'lowest-latency':
      return sortBy(node.children.flatMap((c) => expand(c.node, ctx)), (d) => ctx.health.snapshot(deploymentKey(d)).ttftP50Ms, 'first');
    case 'cost-quality': {
      // the chosen tier in order, then the other tier as the fallback of last resort
      const weakCount = node.costQuality?.weakCount ?? 0;
      const weak = node.children.slice(0, weakCount);
      const strong = node.children.slice(weakCount);
      const tiers = ctx.tier === 'weak' ? [weak, strong] : [strong, weak];
      return tiers.flatMap((tier) => tier.flatMap((c) => expand(c.node, ctx)));
    }
  }
}

function drawByWeight<T extends { weight: number }>(items: readonly T[], random: () => number): T[] {
  const left = [...items];
  const out: T[] = [];
  while (left.length > 0) {
    const total = left.reduce((s, c) => s + c.weight, 0);
    let r = random() * total;
    let i = 0;
    while (i < left.length - 1 && r >= left[i]!.weight) r -= left[i++]!.weight;
    out.push(left.splice(i, 1)[0]!);
  }
  return out;
}

/** A stable sort by a figure that may be unknown; unknowns go first or last. */
export function sortBy<T>(items: readonly T[], figure: (t: T) => number | undefined, unknown: 'first' | 'last'): T[] {
  const missing = unknown === 'first' ? -Infinity : Infinity;
  return items
    .map((item, i) => ({ item, i, v: figure(item) ?? missing }))
    .sort((a, b) => a.v - b.v || a.i - b.i)
    .map((x) => x.item);
}
