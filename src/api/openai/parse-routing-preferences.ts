import type { ProviderPreferences, RouterPreferences, RoutingPreferences } from '../../spec/routing-preferences.js';
import { describeType, invalid, MAX_MODEL_NAME_CHARS, optionalBoolean, optionalNumber, optionalString, requireModelName, requireObject, type Obj } from './read-fields.js';
import { rejectUnknownKeys } from './reject-unknown-keys.js';

/** OpenRouter's `models` and `provider` request fields, and Switchyard's `router`, validated. */
export function parseRoutingPreferences(body: Obj): RoutingPreferences | undefined {
  const models = stringList(body.models, 'models', MAX_FALLBACK_MODELS);
  models?.forEach((m, i) => requireModelName(m, `models[${i}]`));
  const provider = body.provider == null ? undefined : parseProvider(requireObject(body.provider, 'provider'));
  const parsedRouter = body.router == null ? undefined : parseRouter(requireObject(body.router, 'router'));
  // `router: {}` sets nothing
  const router = parsedRouter && Object.keys(parsedRouter).length > 0 ? parsedRouter : undefined;
  if (!models && !provider && !router) return undefined;
  return { ...(models && { models }), ...(provider && { provider }), ...(router && { router }) };
}

/** `router: {threshold | strong_share | quality}`: a request's own setting of a cost-quality route's knob. */
function parseRouter(r: Obj): RouterPreferences {
  rejectUnknownKeys(r, 'router', ROUTER_FIELDS);
  const threshold = optionalNumber(r, 'threshold', { min: 0, max: 1 }, 'router.threshold');
  const strongShare = optionalNumber(r, 'strong_share', { min: 0, max: 1 }, 'router.strong_share');
  const quality = optionalNumber(r, 'quality', { min: 0, max: 1 }, 'router.quality');
  const given = [threshold, strongShare, quality].filter((v) => v !== undefined).length;
  if (given > 1) throw invalid('router', 'set one of threshold, strong_share or quality.');
  return { ...(threshold !== undefined && { threshold }), ...(strongShare !== undefined && { strongShare }), ...(quality !== undefined && { quality }) };
}

const ROUTER_FIELDS = ['threshold', 'strong_share', 'quality'];
/** The `provider` fields applied here (docs/routing.md), and OpenRouter's others, refused by name. */
const PROVIDER_FIELDS = ['order', 'only', 'ignore', 'allow_fallbacks', 'sort', 'max_price', 'data_collection', 'zdr', 'require_parameters'];
const PROVIDER_UNAPPLIED = ['quantizations', 'enforce_distillable_text', 'preferred_min_throughput', 'preferred_max_latency'];
const MAX_PRICE_FIELDS = ['prompt', 'completion'];
const MAX_PRICE_UNAPPLIED = ['image', 'audio', 'request'];

function parseProvider(p: Obj): ProviderPreferences {
  rejectUnknownKeys(p, 'provider', PROVIDER_FIELDS, PROVIDER_UNAPPLIED);
  const sort = optionalString(p, 'sort', 'provider.sort');
  if (sort !== undefined && sort !== 'price' && sort !== 'latency' && sort !== 'throughput') {
    throw invalid('provider.sort', "expected 'price', 'latency' or 'throughput'.");
  }
  const dataCollection = optionalString(p, 'data_collection', 'provider.data_collection');
  if (dataCollection !== undefined && dataCollection !== 'allow' && dataCollection !== 'deny') {
    throw invalid('provider.data_collection', "expected 'allow' or 'deny'.");
  }
  let maxPrice: ProviderPreferences['maxPrice'];
  if (p.max_price != null) {
    const m = requireObject(p.max_price, 'provider.max_price');
    rejectUnknownKeys(m, 'provider.max_price', MAX_PRICE_FIELDS, MAX_PRICE_UNAPPLIED);
    const prompt = optionalNumber(m, 'prompt', { min: 0 }, 'provider.max_price.prompt');
    const completion = optionalNumber(m, 'completion', { min: 0 }, 'provider.max_price.completion');
    maxPrice = { ...(prompt !== undefined && { prompt }), ...(completion !== undefined && { completion }) };
  }
  const order = stringList(p.order, 'provider.order');
  const only = stringList(p.only, 'provider.only');
  const ignore = stringList(p.ignore, 'provider.ignore');
  const allowFallbacks = optionalBoolean(p, 'allow_fallbacks', 'provider.allow_fallbacks');
  const zdr = optionalBoolean(p, 'zdr', 'provider.zdr');
  const requireParameters = optionalBoolean(p, 'require_parameters', 'provider.require_parameters');
  return {
    ...(order && { order }),
    ...(only && { only }),
    ...(ignore && { ignore }),
    ...(allowFallbacks !== undefined && { allowFallbacks }),
    ...(sort !== undefined && { sort }),
    ...(maxPrice && { maxPrice }),
    ...(dataCollection !== undefined && { dataCollection }),
    ...(zdr !== undefined && { zdr }),
    ...(requireParameters !== undefined && { requireParameters }),
  };
}

/** Most fallback models one request may name (each may be tried, with its own deployments). */
const MAX_FALLBACK_MODELS = 10;
/** Most names in one of `provider`'s lists (`order`, `only`, `ignore`). */
const MAX_NAMES = 64;

function stringList(value: unknown, param: string, max = MAX_NAMES): string[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '' && v.length <= MAX_MODEL_NAME_CHARS)) {
    throw invalid(param, `expected an array of names (each at most ${MAX_MODEL_NAME_CHARS} characters), got ${describeType(value)}.`);
  }
  if (value.length > max) throw invalid(param, `names ${value.length} entries; at most ${max} are accepted.`);
  return value.length > 0 ? (value as string[]) : undefined;
}
