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
 * part (only, ignore, prices, data policy) is preferenceBlock, in the planner's checks, so every exclusion has its reason.
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

/**
 * The filtering part of the provider preferences: why a deployment is left out (`pref:only`, `pref:ignore`,
 * `price_unknown`, `price_cap`, `pref:data_collection`, `pref:zdr`), or undefined. Only what is known
 * excludes, except where the client asked for a guarantee (a price cap, `data_collection: deny`, `zdr`).
 */
export function preferenceBlock(d: ResolvedDeployment, prefs: ProviderPreferences | undefined): string | undefined {
  if (!prefs) return undefined;
  const info = d.info;
  if (prefs.only && !namesProvider(prefs.only, d)) return 'pref:only';
  if (prefs.ignore && namesProvider(prefs.ignore, d)) return 'pref:ignore';
  const cap = prefs.maxPrice;
  if (cap && (cap.prompt !== undefined || cap.completion !== undefined)) {
    if (!info.price) return 'price_unknown';
    if ((cap.prompt !== undefined && info.price.input > cap.prompt) || (cap.completion !== undefined && info.price.output > cap.completion)) return 'price_cap';
  }
  if (prefs.dataCollection === 'deny' && info.trainsOnPrompts !== false) return 'pref:data_collection';
  // zdr: kept to deployments that keep nothing (self-hosted, zero retention by default, or an agreement declared)
  if (prefs.zdr && info.zeroRetention !== true) return 'pref:zdr';
  return undefined;
}
