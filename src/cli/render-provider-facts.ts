import type { RetentionClass } from '../catalog/catalog-types.js';
import type { ProviderFactsView } from '../catalog/provider-facts-view.js';

const CLASS_TEXT: Record<RetentionClass, string> = {
  'zero-by-default': 'zero by default',
  'zero-on-request': 'zero on request',
  retains: 'retains',
};

const yesNo = (v: boolean | undefined | null) => (v === undefined || v === null ? 'unknown' : v ? 'yes' : 'no');

function retention(v: ProviderFactsView): string {
  const published = v.selfHosted ? 'self-hosted' : v.published?.retention ? CLASS_TEXT[v.published.retention] : 'unknown';
  const declared = v.declared?.zeroRetention;
  if (declared === undefined) return published;
  return `${published}; ${declared ? 'agreement' : 'keeps'} (declared)`;
}

function training(v: ProviderFactsView): string {
  const published = v.selfHosted ? 'no' : yesNo(v.published?.trainsOnPrompts);
  const declared = v.declared?.trainsOnPrompts;
  return declared === undefined ? published : `${published}; ${yesNo(declared)} (declared)`;
}

/** The policy rules a provider passes on its data facts: what zero_retention / no_training (and `zdr`) let through. */
function passes(v: ProviderFactsView): string {
  const rules = [v.effective.zeroRetention === true && 'zero_retention', v.effective.trainsOnPrompts === false && 'no_training'].filter(Boolean);
  return rules.length > 0 ? rules.join(' ') : '-';
}

function source(v: ProviderFactsView): string {
  const [first, ...rest] = v.published?.sources ?? [];
  if (!first) return v.selfHosted ? '(runs where you run it)' : '-';
  return rest.length > 0 ? `${first} (+${rest.length})` : first;
}

/** The `catalog --providers` table: one row per provider type, a legend under it. */
export function renderProviderFacts(views: readonly ProviderFactsView[], table: (rows: string[][]) => string): string {
  const header = ['TYPE', 'NAME', 'JURISDICTION', 'RETENTION', 'DAYS', 'TRAINS', 'PASSES', 'READ', 'SOURCE'];
  const rows = views.map((v) => [
    v.type,
    v.name,
    v.selfHosted ? '-' : (v.jurisdiction ?? 'unknown'),
    retention(v),
    v.published?.retentionDays !== undefined ? String(v.published.retentionDays) : '-',
    training(v),
    passes(v),
    v.published?.asOf ?? '-',
    source(v),
  ]);
  const legend = [
    'RETENTION: zero by default = keeps nothing; zero on request = keeps prompts unless you have an agreement or setting',
    '(declare it: catalog.providers.<type>.zero_retention: true); retains = keeps them, no zero-retention option known.',
    'TRAINS: trains on prompts by default. (declared): what the config says of your own arrangement; it wins.',
    'PASSES: the data-policy rules (zero_retention, no_training; a request\'s zdr, data_collection: deny) it passes.',
    'Self-hosted types count as self-hosted only on a loopback or private address. --format json lists every source.',
  ];
  const notes = views.filter((v) => v.declared?.note).map((v) => `  ${v.type}: ${v.declared!.note}`);
  if (notes.length > 0) legend.push('Notes declared by the operator:', ...notes);
  return `${table([header, ...rows])}\n\n${legend.join('\n')}`;
}
