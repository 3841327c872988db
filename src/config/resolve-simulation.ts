import { defaultCatalogData } from '../catalog/load-catalog.js';
import { SIMULATION_DEFAULTS, type SimulationSettings } from '../providers/simulated/simulation-settings.js';
import type { ConfigIssue } from './config-error.js';
import type { ConfigFile } from './config-schema.js';

type ProviderEntry = NonNullable<ConfigFile['providers']>[string];

const SIMULATION_KEYS = ['simulates', 'ttft_ms', 'tokens_per_second', 'error_rate'] as const;

/**
 * A simulated provider's settings: `simulates` must name a provider type the catalog describes (its offers
 * and facts are the stand-in's), and it takes no base URL, since it reaches no network. Other types may not
 * set the simulation keys. Returns undefined for other types, or with the problems added to `issues`.
 */
export function resolveSimulation(p: ProviderEntry, path: string, simulatedType: boolean, issues: ConfigIssue[]): SimulationSettings | undefined {
  if (!simulatedType) {
    for (const key of SIMULATION_KEYS) {
      if (p[key] !== undefined) issues.push({ path: `${path}.${key}`, message: `only a provider of type 'simulated' takes ${key}` });
    }
    return undefined;
  }
  const known = defaultCatalogData().providers.map((c) => c.id);
  if (p.base_url !== undefined) {
    issues.push({ path: `${path}.base_url`, message: 'a simulated provider answers in process and reaches no network: remove base_url' });
  }
  if (p.simulates === undefined) {
    issues.push({ path: `${path}.simulates`, message: `required for type 'simulated': the provider type it stands for, one of ${known.join(', ')}` });
    return undefined;
  }
  if (!known.includes(p.simulates)) {
    issues.push({ path: `${path}.simulates`, message: `'${p.simulates}' is not a provider type the catalog describes; known: ${known.join(', ')}` });
    return undefined;
  }
  return {
    simulates: p.simulates,
    ttftMs: p.ttft_ms ?? SIMULATION_DEFAULTS.ttftMs,
    tokensPerSecond: p.tokens_per_second ?? SIMULATION_DEFAULTS.tokensPerSecond,
    errorRate: p.error_rate ?? SIMULATION_DEFAULTS.errorRate,
  };
}
