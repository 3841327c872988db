import type { CatalogModel } from '../catalog/catalog-types.js';
import { loadDefaultCatalog, type Catalog } from '../catalog/load-catalog.js';
import { providerFactsView } from '../catalog/provider-facts-view.js';
import { ConfigError } from '../config/config-error.js';
import { findConfigFile } from '../config/find-config-file.js';
import { loadConfigFile } from '../config/load-config.js';
import { describeHosting } from '../routing/describe-deployment.js';
import { renderProviderFacts } from './render-provider-facts.js';

export interface CatalogCommandOptions {
  /** Developer's country, ISO alpha-2 (`CN`). */
  origin?: string;
  /** Only open-weight models. */
  open?: boolean;
  /** Only models this provider type offers (and only its offers in the table). */
  provider?: string;
  format?: 'table' | 'json';
  /** List provider types' hosting and data-policy facts instead of models. */
  providers?: boolean;
  /** A config file whose `catalog:` section (additions, declared agreements) is applied. */
  config?: string;
}

/** 131072 → 128K, 200000 → 200K, 1048576 → 1M (binary units where the number is binary). */
function size(tokens: number): string {
  if (tokens >= 1_000_000) return `${Number((tokens / (tokens % 1_048_576 === 0 ? 1_048_576 : 1_000_000)).toFixed(1))}M`;
  return `${Math.round(tokens / (tokens % 1024 === 0 ? 1024 : 1000))}K`;
}

function caps(m: CatalogModel): string {
  const c = m.capabilities;
  return `${c.tools ? 'T' : '-'}${c.vision ? 'V' : '-'}${c.jsonOutput ? 'J' : '-'}${c.reasoning ? 'R' : '-'}`;
}

function offers(m: CatalogModel, provider: string | undefined): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const o of m.offers) {
    if (provider && o.provider !== provider) continue;
    const text = `${o.provider}:${o.price.input}/${o.price.output}`;
    if (provider) parts.push(`${text} (${o.upstreamModel})`);
    else if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  return parts.join('  ');
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

/**
 * The committed catalog, with the `catalog:` section (additions, declared agreements) applied of the config
 * the one rule finds (--config, $SWITCHYARD_CONFIG, ./switchyard.yaml), so it shows what the gateway uses.
 */
function openCatalog(flag: string | undefined): Catalog | undefined {
  const choice = findConfigFile(flag);
  if (choice === undefined) return loadDefaultCatalog();
  try {
    return loadDefaultCatalog(loadConfigFile(choice.path, process.env, { offline: true }).catalogOverrides);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return undefined;
  }
}

/** `--providers`: each provider type's facts, as a table or JSON. */
function printProviders(catalog: Catalog, opts: CatalogCommandOptions): number {
  const views = catalog
    .providers()
    .filter((p) => opts.provider === undefined || p.id === opts.provider)
    .map((p) => providerFactsView(p.id, p, describeHosting(p, undefined)));
  if (opts.format === 'json') console.log(JSON.stringify(views, null, 2));
  else console.log(renderProviderFacts(views, table));
  return 0;
}

/**
 * `switchyard catalog [--origin CN] [--open] [--provider X] [--providers] [--config FILE] [--format table|json]`:
 * 0, or 1 for a bad option or config.
 */
export function runCatalog(opts: CatalogCommandOptions, given?: Catalog): number {
  if (opts.format !== undefined && opts.format !== 'table' && opts.format !== 'json') {
    console.error(`unknown format "${String(opts.format)}"; use table or json`);
    return 1;
  }
  const catalog = given ?? openCatalog(opts.config);
  if (!catalog) return 1;
  if (opts.provider && !catalog.provider(opts.provider)) {
    const known = catalog.providers().map((p) => p.id).join(', ');
    console.error(`unknown provider type "${opts.provider}"; known: ${known}`);
    return 1;
  }
  if (opts.providers) return printProviders(catalog, opts);
  const models = catalog.models({
    ...(opts.origin ? { origin: opts.origin } : {}),
    ...(opts.open ? { openWeights: true } : {}),
    ...(opts.provider ? { provider: opts.provider } : {}),
  });
  if (opts.format === 'json') {
    console.log(JSON.stringify(models, null, 2));
    return 0;
  }
  if (models.length === 0) {
    console.log('no models match');
    return 0;
  }
  const header = ['MODEL', 'DEVELOPER', 'ORIGIN', 'WEIGHTS', 'LICENCE', 'CONTEXT', 'CAPS', 'USD PER M TOKENS IN/OUT'];
  const rows = models.map((m) => [
    m.id,
    m.developer,
    m.origin,
    m.openWeights ? 'open' : 'closed',
    m.license,
    size(m.contextLength),
    caps(m),
    offers(m, opts.provider),
  ]);
  console.log(table([header, ...rows]));
  console.log(
    `\n${models.length} model(s); catalog as of ${catalog.asOf}. CAPS: T tools, V vision, J JSON output, R reasoning.`,
  );
  return 0;
}
