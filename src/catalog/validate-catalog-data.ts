import type { CatalogData } from './catalog-types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isRate = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function priceProblems(p: unknown, at: string): string[] {
  if (!isObj(p)) return [`${at}: not an object`];
  const out: string[] = [];
  for (const k of ['input', 'output']) if (!isRate(p[k])) out.push(`${at}.${k}: not a price`);
  for (const k of ['cachedInput', 'cacheWrite', 'reasoning']) {
    if (p[k] !== undefined && !isRate(p[k])) out.push(`${at}.${k}: not a price`);
  }
  if (!isText(p.source)) out.push(`${at}.source: missing`);
  if (typeof p.asOf !== 'string' || !DATE.test(p.asOf)) out.push(`${at}.asOf: not YYYY-MM-DD`);
  return out;
}

function modelProblems(m: unknown, at: string): string[] {
  if (!isObj(m)) return [`${at}: not an object`];
  const out: string[] = [];
  for (const k of ['id', 'name', 'developer', 'origin', 'license']) if (!isText(m[k])) out.push(`${at}.${k}: missing`);
  if (typeof m.openWeights !== 'boolean') out.push(`${at}.openWeights: not a boolean`);
  if (!isCount(m.contextLength)) out.push(`${at}.contextLength: not a positive integer`);
  if (m.maxOutputTokens !== undefined && !isCount(m.maxOutputTokens)) out.push(`${at}.maxOutputTokens: not a positive integer`);
  const caps = m.capabilities;
  if (!isObj(caps) || !['tools', 'vision', 'jsonOutput', 'reasoning'].every((k) => typeof caps[k] === 'boolean')) {
    out.push(`${at}.capabilities: needs tools, vision, jsonOutput, reasoning booleans`);
  }
  if (!Array.isArray(m.aliases) || !m.aliases.every(isText)) out.push(`${at}.aliases: not a list of names`);
  if (!Array.isArray(m.offers)) return [...out, `${at}.offers: not a list`];
  m.offers.forEach((o: unknown, i) => {
    const oat = `${at}.offers[${i}]`;
    if (!isObj(o)) return void out.push(`${oat}: not an object`);
    if (!isText(o.provider)) out.push(`${oat}.provider: missing`);
    if (!isText(o.upstreamModel)) out.push(`${oat}.upstreamModel: missing`);
    out.push(...priceProblems(o.price, `${oat}.price`));
  });
  return out;
}

function providerProblems(p: unknown, at: string): string[] {
  if (!isObj(p)) return [`${at}: not an object`];
  const out: string[] = [];
  for (const k of ['id', 'name']) if (!isText(p[k])) out.push(`${at}.${k}: missing`);
  if (typeof p.jurisdiction !== 'string') out.push(`${at}.jurisdiction: not a string`);
  if (!Array.isArray(p.firstPartyFor) || !p.firstPartyFor.every(isText)) out.push(`${at}.firstPartyFor: not a list of names`);
  if (typeof p.selfHosted !== 'boolean') out.push(`${at}.selfHosted: not a boolean`);
  const d = p.dataPolicy;
  if (d !== undefined) out.push(...dataPolicyProblems(d, `${at}.dataPolicy`));
  if (p.declared !== undefined) out.push(`${at}.declared: only the config declares; the catalog data states facts`);
  return out;
}

const RETENTION_CLASSES = new Set(['zero-by-default', 'zero-on-request', 'retains']);

function dataPolicyProblems(d: unknown, at: string): string[] {
  if (!isObj(d)) return [`${at}: not an object`];
  const out: string[] = [];
  if (d.retention !== undefined && !RETENTION_CLASSES.has(d.retention as string)) {
    out.push(`${at}.retention: not one of ${[...RETENTION_CLASSES].join(', ')}`);
  }
  if (d.retentionDays !== undefined && !(Number.isInteger(d.retentionDays) && (d.retentionDays as number) > 0)) {
    out.push(`${at}.retentionDays: not a whole number of days`);
  }
  // a record that contradicts itself cannot back a guarantee
  if (d.retention === 'zero-by-default' && d.retentionDays !== undefined) out.push(`${at}.retentionDays: given for a provider that keeps nothing`);
  if (d.retention === 'zero-by-default' && d.trainsOnPrompts === true) out.push(`${at}.trainsOnPrompts: true for a provider that keeps nothing`);
  if (d.trainsOnPrompts !== undefined && typeof d.trainsOnPrompts !== 'boolean') out.push(`${at}.trainsOnPrompts: not a boolean`);
  if (!isText(d.summary)) out.push(`${at}.summary: missing`);
  if (!Array.isArray(d.sources) || d.sources.length === 0 || !d.sources.every((s) => isText(s) && s.startsWith('https://'))) {
    out.push(`${at}.sources: not a list of https pages`);
  }
  if (typeof d.asOf !== 'string' || !DATE.test(d.asOf)) out.push(`${at}.asOf: not YYYY-MM-DD`);
  return out;
}

/** Every way `value` falls short of CatalogData, each with the path of the bad field (empty when it is sound). */
export function catalogDataProblems(value: unknown): string[] {
  if (!isObj(value)) return ['(root): not an object'];
  const out: string[] = [];
  if (typeof value.asOf !== 'string' || !DATE.test(value.asOf)) out.push('asOf: not YYYY-MM-DD');
  if (!Array.isArray(value.models)) out.push('models: not a list');
  else value.models.forEach((m: unknown, i) => out.push(...modelProblems(m, `models[${i}]`)));
  if (!Array.isArray(value.providers)) out.push('providers: not a list');
  else value.providers.forEach((p: unknown, i) => out.push(...providerProblems(p, `providers[${i}]`)));
  return out;
}

export function assertCatalogData(value: unknown, what = 'catalog data'): asserts value is CatalogData {
  const problems = catalogDataProblems(value);
  if (problems.length > 0) throw new Error(`${what} is malformed:\n  ${problems.slice(0, 20).join('\n  ')}`);
}
