import type { CatalogModel, CatalogProvider } from '../../catalog/catalog-types.js';
import { developerSlug } from './developer-name.js';

/**
 * The names a kill switch may use, each with its one canonical spelling: what the catalog (with the
 * config's overrides) and the config know. Built once per gateway or CLI run; validateKillTarget reads it.
 */
export interface KillVocabulary {
  /** Lower-case configured provider ids and provider types. */
  providers: ReadonlySet<string>;
  /** Developer slug (developer-name.ts) → the canonical spelling: the catalog's name, lower case, letters and digits only. */
  developers: ReadonlyMap<string, string>;
  /** Upper-case country codes beyond ISO 3166-1's: `EU` (policies and kill sets read it as its members) and any the catalog uses. */
  origins: ReadonlySet<string>;
  /** Lower-case model name → canonical: catalog ids and aliases → the catalog id; providers' model names → themselves. */
  models: ReadonlyMap<string, string>;
  /**
   * Configured model names that are not themselves a name a switch matches (a switch matches the model a
   * deployment serves), → the providers' model names their deployments serve: what to kill instead.
   */
  configuredOnly: ReadonlyMap<string, readonly string[]>;
}

export interface VocabularyCatalog {
  models(): readonly CatalogModel[];
  providers(): readonly CatalogProvider[];
}

export interface VocabularyConfig {
  providers: ReadonlyArray<{ id: string; type: string }>;
  models: ReadonlyArray<{ name: string; deployments: ReadonlyArray<{ providerId: string; model: string }> }>;
}

export function killVocabulary(catalog: VocabularyCatalog, config?: VocabularyConfig): KillVocabulary {
  const providers = new Set<string>();
  const developers = new Map<string, string>();
  const models = new Map<string, string>();
  const origins = new Set<string>(['EU']);
  const addDeveloper = (name: string) => {
    const slug = developerSlug(name);
    if (slug !== '' && !developers.has(slug)) developers.set(slug, canonicalDeveloper(name));
  };
  const addModel = (name: string, canonical: string) => {
    if (!models.has(name.toLowerCase())) models.set(name.toLowerCase(), canonical.toLowerCase());
  };

  for (const p of catalog.providers()) {
    providers.add(p.id.toLowerCase());
    p.firstPartyFor.forEach(addDeveloper);
  }
  const all = catalog.models();
  // ids and aliases first, so that a provider's model name never shadows a catalog id
  for (const m of all) {
    addDeveloper(m.developer);
    origins.add(m.origin.toUpperCase());
    for (const name of [m.id, ...m.aliases]) addModel(name, m.id);
  }
  for (const m of all) for (const o of m.offers) addModel(o.upstreamModel, o.upstreamModel);

  const configuredOnly = new Map<string, string[]>();
  for (const p of config?.providers ?? []) {
    providers.add(p.id.toLowerCase());
    providers.add(p.type.toLowerCase());
  }
  for (const m of config?.models ?? []) for (const d of m.deployments) addModel(d.model, d.model);
  for (const m of config?.models ?? []) {
    if (models.has(m.name.toLowerCase())) continue;
    configuredOnly.set(m.name.toLowerCase(), [...new Set(m.deployments.map((d) => d.model.toLowerCase()))]);
  }
  return { providers, developers, origins, models, configuredOnly };
}

/** `Moonshot AI` → `moonshotai`: one spelling per developer, and one a shell takes without quotes. */
export function canonicalDeveloper(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
