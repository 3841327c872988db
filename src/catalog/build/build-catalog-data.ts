import type { CatalogData, CatalogModel, CatalogProvider, Offer } from '../catalog-types.js';
import { buildModel, type ModelBuildContext } from './build-model.js';
import { checkOriginsAgainstEpoch } from './check-origins.js';
import type { DeveloperCuration } from './curation-types.js';
import type { SharedCatalogSources, SourceFile } from './shared-sources.js';

export interface CatalogBuild {
  data: CatalogData;
  /** Things a person should look at: offers left out as retired, first-party and OpenRouter prices far apart. */
  warnings: string[];
}

function label(kind: string, file: SourceFile): string {
  return `${kind} (${file.repo} ${file.commit})`;
}

/**
 * Flag a closed model whose first-party price OpenRouter lists more than 25% apart: OpenRouter passes a closed
 * model's price through, so one of the two is stale. (For open models OpenRouter shows its cheapest host.)
 */
function comparePrices(model: CatalogModel, providers: readonly CatalogProvider[], warn: (m: string) => void): void {
  if (model.openWeights) return;
  const or = model.offers.find((o) => o.provider === 'openrouter');
  const own = model.offers.find((o) => providers.find((p) => p.id === o.provider)?.firstPartyFor.includes(model.developer));
  if (!or || !own) return;
  const apart = (a: number, b: number) => Math.abs(a - b) / Math.max(a, b) > 0.25;
  if (apart(own.price.input, or.price.input) || apart(own.price.output, or.price.output)) {
    const rates = (o: Offer) => `${o.provider} ${o.price.input}/${o.price.output}`;
    warn(`${model.id}: ${rates(own)} vs ${rates(or)} per M tokens`);
  }
}

/** Every name (id or alias), and every provider's upstream name, must point at one model only, any case. */
function checkNamesUnique(models: readonly CatalogModel[]): void {
  const offers = new Map<string, string>();
  for (const m of models) {
    for (const o of m.offers) {
      const key = `${o.provider} ${o.upstreamModel.toLowerCase()}`;
      const other = offers.get(key);
      if (other && other !== m.id) throw new Error(`${o.provider} "${o.upstreamModel}" is offered as both ${other} and ${m.id}`);
      offers.set(key, m.id);
    }
  }
  const seen = new Map<string, string>();
  for (const m of models) {
    for (const name of [m.id, ...m.aliases]) {
      const key = name.toLowerCase();
      const other = seen.get(key);
      if (other && other !== m.id) throw new Error(`"${name}" names both ${other} and ${m.id}`);
      seen.set(key, m.id);
    }
  }
}

/**
 * Each mirroring type gets a copy of every offer of the type it mirrors, right after it: the same models at the
 * same prices reached through another endpoint of the same account (`deepseek-anthropic` mirrors `deepseek`).
 */
function mirrorOffers(model: CatalogModel, mirrors: Readonly<Record<string, string>>): CatalogModel {
  const offers = model.offers.flatMap((o) => [
    o,
    ...Object.entries(mirrors)
      .filter(([, base]) => base === o.provider)
      .map(([provider]) => ({ ...o, provider })),
  ]);
  return { ...model, offers };
}

/**
 * The catalog, derived from the curation and the shared public data. Deterministic: the same inputs give the
 * same output, so the committed `catalog.json` can be checked against a rebuild.
 */
export function buildCatalogData(
  sources: SharedCatalogSources,
  developers: readonly DeveloperCuration[],
  providers: readonly CatalogProvider[],
  mirrors: Readonly<Record<string, string>> = {},
): CatalogBuild {
  const problems = checkOriginsAgainstEpoch(sources.epoch.rows, developers);
  if (problems.length > 0) throw new Error(`origin check against Epoch AI failed:\n  ${problems.join('\n  ')}`);
  const warnings: string[] = [];
  const { litellm, openrouter } = sources;
  const ctx: ModelBuildContext = {
    sources,
    litellm: { source: label('LiteLLM model_prices_and_context_window', litellm.file), asOf: litellm.file.date },
    openrouter: { source: label('OpenRouter /api/v1/models snapshot', openrouter.file), asOf: openrouter.file.date },
    retiredBy: [litellm.file.date, openrouter.file.date].sort().at(-1) ?? litellm.file.date,
    warn: (m) => warnings.push(m),
    firstParty: (developer) => providers.filter((p) => p.firstPartyFor.includes(developer)).map((p) => p.id),
  };
  const known = new Set(providers.map((p) => p.id));
  const models = developers.flatMap((dev) => dev.models.map((cm) => mirrorOffers(buildModel(ctx, dev, cm), mirrors)));
  for (const m of models) {
    for (const o of m.offers) if (!known.has(o.provider)) throw new Error(`${m.id}: unknown provider type "${o.provider}"`);
    comparePrices(m, providers, ctx.warn);
  }
  checkNamesUnique(models);
  const dates = [
    ...models.flatMap((m) => m.offers.map((o) => o.price.asOf)),
    ...providers.flatMap((p) => (p.dataPolicy ? [p.dataPolicy.asOf] : [])),
  ].sort();
  return { data: { asOf: dates.at(-1) ?? ctx.retiredBy, models, providers: [...providers] }, warnings };
}
