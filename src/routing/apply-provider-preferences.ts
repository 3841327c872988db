import type { ProviderPreferences } from '../spec/routing-preferences.js';
import { blendedPrice, deploymentKey } from './deployment-info.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import type { ResolvedDeployment } from './model-table.js';
import { sortBy } from './order-deployments.js';
import type { Exclusion } from './plan-route.js';

/** Whether a preference's provider name means this deployment: its provider id, or its provider type. */
export function namesProvider(names: readonly string[], d: ResolvedDeployment): boolean {
  const id = d.providerId.toLowerCase();
  const type = d.info.providerType.toLowerCase();
  return names.some((n) => n.toLowerCase() === id || n.toLowerCase() === type);
}

/**
 * The ordering part of OpenRouter's provider preferences: `sort`, then `order` (named providers first, in
 * that order), then `allow_fallbacks: false` (only the named providers, or only the first). The filtering
 * part (only, ignore, prices, data policy) is in the planner's checks, so every exclusion has its reason.
 */
export function orderByPreferences(
  deployments: ResolvedDeployment[],
  prefs: ProviderPreferences | undefined,
  health: DeploymentHealth,
  excluded: Exclusion[],
): ResolvedDeployment[] {
  if (!prefs) return deployments;
  let out = deployments;
  if (prefs.sort === 'price') out = sortBy(out, (d) => blendedPrice(d.info), 'last');
  if (prefs.sort === 'latency') out = sortBy(out, (d) => health.snapshot(deploymentKey(d)).ttftP50Ms, 'last');
  if (prefs.sort === 'throughput') out = sortBy(out, (d) => negate(health.snapshot(deploymentKey(d)).tokensPerSecond), 'last');
  const order = prefs.order;
  if (order) {
    const rank = (d: ResolvedDeployment) => {
      const i = order.findIndex((n) => namesProvider([n], d));
      return i < 0 ? undefined : i;
    };
    out = sortBy(out, rank, 'last');
  }
  if (prefs.allowFallbacks === false) {
    const keep = order ? out.filter((d) => namesProvider(order, d)) : out.slice(0, 1);
    for (const d of out) if (!keep.includes(d)) excluded.push({ providerId: d.providerId, model: d.model, reason: 'pref:no_fallbacks' });
    out = keep;
  }
  return out;
}

function negate(n: number | undefined): number | undefined {
  return n === undefined ? undefined : -n;
}
