import { parseStorage } from './parse-storage.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configRelativePath } from './config-relative-path.js';
import { parseDocument } from 'yaml';
import { PROVIDER_TYPES, providerTypeNames } from '../providers/registry.js';
import { DEFAULT_TIMEOUTS } from '../providers/toolkit/create-http-client.js';
import { ConfigError, formatPath, type ConfigIssue } from './config-error.js';
import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema, ModelSchema, ProviderSchema, RouteSchema, type ConfigFile } from './config-schema.js';
import {
  DEFAULT_LISTEN,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SHUTDOWN_GRACE_MS,
  DEFAULT_STORAGE,
  DEFAULT_STORED_BODY_BYTES,
  DEFAULT_RETRIES,
  DEFAULT_TOTAL_TIMEOUT_MS,
  type CostQualityConfig,
  type RouteConfig,
  type ThresholdSetting,
  type GatewayConfig,
  type ModelConfig,
  type ProviderConfig,
} from './gateway-config.js';
import { isLoopback, parseListen } from './parse-listen.js';
import { CatalogOverrideError, type CatalogOverrides } from '../catalog/catalog-overrides.js';
import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import { catalogOverridesFromConfig } from './catalog-overrides-from-config.js';
import { describeSchemaError, schemaErrorLeaves } from './describe-schema-error.js';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { resolveConcentration, resolvePolicies } from './resolve-policies.js';
import { hideSubstitutions, substituteEnv } from './substitute-env.js';
import { resolveLimits } from './resolve-limits.js';
import { resolveOtlp } from './resolve-telemetry.js';
import { resolveCache } from './resolve-cache.js';
import { checkConfigTree } from './check-config-tree.js';
import { findLiteralSecrets, isSecretField, literalSecretsRefusal, referencedVariable } from './secret-fields.js';
import { resolveSimulation } from './resolve-simulation.js';

export type Env = Record<string, string | undefined>;

export interface LoadOptions {
  /**
   * For a command that sends nothing (explain, drill, catalog, kill): the secret fields' `${ENV}` references
   * may stay unresolved (they read as a placeholder), while every other field is resolved and checked as the
   * gateway would, since the analysis depends on it.
   */
  offline?: boolean;
}

/** Read, substitute, validate and freeze a config file. Throws a ConfigError listing every issue. */
export function loadConfigFile(path: string, env: Env = process.env, options: LoadOptions = {}): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [{ path: '', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})` }]);
  }
  return parseConfigText(text, path, env, dirname(resolve(path)), options);
}

/** `baseDir`: the folder relative paths in the text are taken from (the file's); default the current one. */
export function parseConfigText(text: string, source: string, env: Env = process.env, baseDir?: string, options: LoadOptions = {}): GatewayConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ path: '', message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  let tree: unknown;
  try {
    tree = doc.toJS();
  } catch (err) {
    // an alias to an anchor that does not exist, or more aliases than the parser will expand
    throw new ConfigError(source, [{ path: '', message: `YAML: ${(err as Error).message.split('\n')[0]}` }]);
  }
  return buildConfig(tree ?? {}, source, env, baseDir, options);
}

/** Validate a parsed config tree (from YAML or built in code) and resolve it into a GatewayConfig. */
export function buildConfig(raw: unknown, source: string, env: Env = process.env, baseDir?: string, options: LoadOptions = {}): GatewayConfig {
  const shape = checkConfigTree(raw);
  if (shape.length > 0) throw new ConfigError(source, shape);
  const issues: ConfigIssue[] = [];
  const used = new Map<string, string>();
  const substituted = substituteEnv(raw, env, issues, [], used, options.offline ? isSecretField : undefined);
  // a field whose variable is unset is reported once, for that, not again for the empty value it then has
  const envIssues = issues.length;
  const unset = new Set(issues.map((i) => i.path));
  const schemaErrors = [...Value.Errors(ConfigSchema, substituted)];
  for (const error of schemaErrors) issues.push(...describeSchemaError(error));
  // The checks below look only at the parts that passed the schema (a field that failed it is left out, an
  // entry that still fails is), so one run reports every problem.
  const file = usableParts(withoutFailedFields(substituted, schemaErrors));
  // an invalid provider still counts as configured, so deployments naming it are not reported twice
  const declared = new Set(Object.keys(objectOr(objectOr(substituted).providers)));

  const providers = resolveProviders(file, issues);
  const models = resolveModels(file, declared, issues);
  const routes = resolveRoutes(file, new Set(models.map((m) => m.name)), declared, issues, baseDir);
  let listen = DEFAULT_LISTEN;
  if (file.listen !== undefined) {
    const parsed = parseListen(file.listen);
    if (typeof parsed === 'string') issues.push({ path: 'listen', message: parsed });
    else listen = parsed;
  }
  if (!isLoopback(listen.host) && !file.auth?.master_key) {
    issues.push({
      path: 'listen',
      message: `${listen.host} is reachable from other machines: set auth.master_key so that only your clients can use the gateway`,
    });
  }
  const literal = findLiteralSecrets(raw);
  const literalSecrets = literal.length > 0 ? { paths: literal, allowed: file.allow_literal_secrets === true } : undefined;
  const refusal = literalSecretsRefusal(listen.host, literalSecrets, isLoopback(listen.host));
  if (refusal) issues.push({ path: 'listen', message: refusal });
  const catalogOverrides = checkCatalogOverrides(file, issues);
  checkSharedDeclarations(file, issues);
  const reported = issues.filter((issue, i) => i < envIssues || !unset.has(issue.path));
  if (reported.length > 0) throw new ConfigError(source, hideSubstitutions(reported, used));
  const masterKeyVariable = referencedVariable(objectOr(objectOr(raw).auth).master_key);
  const adminKey = file.auth?.admin_key ?? env.SWITCHYARD_ADMIN_KEY;
  const metricsKey = file.auth?.metrics_key ?? env.SWITCHYARD_METRICS_KEY;
  const storage = parseStorage(file.storage, file.spool_dir, baseDir) ?? DEFAULT_STORAGE;
  const cache = resolveCache(file.cache, storage, baseDir);

  return deepFreeze({
    source,
    listen,
    logLevel: file.log_level ?? 'info',
    ...(file.auth?.master_key && { masterKey: file.auth.master_key }),
    ...(file.auth?.master_key && masterKeyVariable && { masterKeyVariable }),
    ...(literalSecrets && { literalSecrets }),
    ...(adminKey && { adminKey }),
    ...(metricsKey && { metricsKey }),
    ...(file.allowed_hosts && { allowedHosts: file.allowed_hosts }),
    allowedOrigins: file.allowed_origins ?? [],
    storage,
    ...(file.redis && {
      redis: {
        url: file.redis,
        prefix: file.redis_prefix ?? 'switchyard:',
        failure: { limits: file.redis_failure ?? 'fail_closed', budgets: file.redis_budget_failure ?? 'fail_closed' },
      },
    }),
    ...(file.baseline && { baseline: file.baseline }),
    ...(catalogOverrides && { catalogOverrides }),
    maxBodyBytes: file.limits?.max_body_bytes ?? DEFAULT_MAX_BODY_BYTES,
    storedBodyBytes: file.limits?.stored_body_bytes ?? DEFAULT_STORED_BODY_BYTES,
    shutdownGraceMs: file.limits?.shutdown_grace_ms ?? DEFAULT_SHUTDOWN_GRACE_MS,
    limits: resolveLimits(file.limits),
    providers,
    models,
    routes,
    health: {
      ...(file.health?.failure_threshold !== undefined && { failureThreshold: file.health.failure_threshold }),
      ...(file.health?.error_rate_threshold !== undefined && { errorRateThreshold: file.health.error_rate_threshold }),
      ...(file.health?.window_size !== undefined && { windowSize: file.health.window_size }),
      ...(file.health?.min_requests !== undefined && { minRequests: file.health.min_requests }),
      ...(file.health?.open_ms !== undefined && { openMs: file.health.open_ms }),
      ...(file.health?.max_open_ms !== undefined && { maxOpenMs: file.health.max_open_ms }),
      ...(file.health?.cooldown_ms !== undefined && { coolMs: file.health.cooldown_ms }),
      ...(file.health?.max_cooldown_ms !== undefined && { maxCoolMs: file.health.max_cooldown_ms }),
      ...(file.health?.panic !== undefined && { panic: file.health.panic }),
    },
    policies: resolvePolicies(file.policies),
    concentration: resolveConcentration(file.concentration),
    ...(file.telemetry?.otlp && { telemetry: { otlp: resolveOtlp(file.telemetry.otlp) } }),
    ...(cache && { cache }),
  });
}

/**
 * Routes: every target must name a route, a configured model or a deployment of a configured provider;
 * a route may not share a model's name, nor reach itself.
 */
function resolveRoutes(file: ConfigFile, modelNames: ReadonlySet<string>, providers: ReadonlySet<string>, issues: ConfigIssue[], baseDir: string | undefined): RouteConfig[] {
  const entries = Object.entries(file.routes ?? {});
  const routeNames = new Set(entries.map(([name]) => name));
  const out: RouteConfig[] = [];
  for (const [name, r] of entries) {
    if (modelNames.has(name)) issues.push({ path: formatPath(['routes', name]), message: `a model is already called '${name}'` });
    const costQuality = r.strategy === 'cost-quality' ? resolveCostQuality(name, r, issues, baseDir) : undefined;
    if (!costQuality && !r.targets) issues.push({ path: formatPath(['routes', name, 'targets']), message: `required for strategy '${r.strategy}'` });
    const listed = costQuality ? [...costQuality.weak, ...costQuality.strong] : (r.targets ?? []);
    const targets = listed.map((t, i) => {
      const target = typeof t === 'string' ? { target: t, weight: 1 } : { target: t.target, weight: t.weight ?? 1 };
      const slash = target.target.indexOf('/');
      const known =
        routeNames.has(target.target) ||
        modelNames.has(target.target) ||
        (slash > 0 && providers.has(target.target.slice(0, slash)) && slash < target.target.length - 1);
      if (!known) {
        const where = costQuality ? (i < costQuality.weak.length ? ['weak', i] : ['strong', i - costQuality.weak.length]) : ['targets', i];
        issues.push({
          path: formatPath(['routes', name, ...where]),
          message: `'${target.target}' is not a route, a configured model, or <provider id>/<model> of a configured provider`,
        });
      }
      return target;
    });
    out.push({
      name,
      strategy: r.strategy,
      targets,
      ...(r.hedge_after_ms !== undefined && { hedgeAfterMs: r.hedge_after_ms }),
      ...(costQuality && { costQuality }),
    });
  }
  const costQuality = new Set(out.filter((r) => r.costQuality).map((r) => r.name));
  for (const r of out) {
    const judge = r.costQuality?.shadow?.judge;
    const slash = judge?.indexOf('/') ?? -1;
    if (judge !== undefined && !routeNames.has(judge) && !modelNames.has(judge) && !(slash > 0 && providers.has(judge.slice(0, slash)))) {
      issues.push({ path: formatPath(['routes', r.name, 'shadow', 'judge']), message: `'${judge}' is not a route, a configured model, or <provider id>/<model>` });
    }
    r.targets.forEach((t, i) => {
      if (!costQuality.has(t.target)) return;
      const where = r.costQuality ? (i < r.costQuality.weak.length ? ['weak', i] : ['strong', i - r.costQuality.weak.length]) : ['targets', i];
      issues.push({
        path: formatPath(['routes', r.name, ...where]),
        message: `'${t.target}' is a cost-quality route: it decides per request, so clients ask for it directly rather than through another route`,
      });
    });
  }
  for (const r of out) {
    const cycle = findCycle(r.name, out);
    if (cycle) issues.push({ path: formatPath(['routes', r.name]), message: `routes reach themselves: ${cycle.join(' → ')}` });
  }
  return out;
}

/** A cost-quality route's tiers, threshold, router model and shadow settings. */
function resolveCostQuality(name: string, r: NonNullable<ConfigFile['routes']>[string], issues: ConfigIssue[], baseDir: string | undefined): CostQualityConfig | undefined {
  const path = (...p: Array<string | number>) => formatPath(['routes', name, ...p]);
  if (r.targets) issues.push({ path: path('targets'), message: "a cost-quality route takes 'weak' and 'strong' tiers instead of targets" });
  if (!r.weak) issues.push({ path: path('weak'), message: 'required for a cost-quality route: the cheap tier, e.g. [qwen3-235b, deepseek-v3]' });
  if (!r.strong) issues.push({ path: path('strong'), message: 'required for a cost-quality route: the strong tier, e.g. [gpt-5, claude-sonnet]' });
  const t = r.threshold ?? { strong_share: 0.3 };
  const set = [t.score, t.strong_share, t.quality].filter((v) => v !== undefined).length;
  if (set !== 1) issues.push({ path: path('threshold'), message: 'set exactly one of score, strong_share or quality' });
  if (!r.weak || !r.strong || set !== 1) return undefined;
  const routerModel = r.router_model === undefined ? undefined : configRelativePath(r.router_model, baseDir);
  if (routerModel !== undefined && !existsSync(routerModel)) {
    issues.push({ path: path('router_model'), message: `no such file '${routerModel}' (make one with switchyard router train)` });
  }
  if (r.self_check && !r.shadow?.judge) {
    issues.push({ path: path('self_check'), message: 'needs shadow with a judge: its evidence is judged shadow samples' });
  }
  const threshold: ThresholdSetting =
    t.score !== undefined ? { score: t.score } : t.strong_share !== undefined ? { strongShare: t.strong_share } : { quality: t.quality! };
  return {
    weak: r.weak,
    strong: r.strong,
    threshold,
    ...(routerModel !== undefined && { routerModel }),
    ...(r.shadow && {
      shadow: {
        sample: r.shadow.sample,
        budgetUsd: r.shadow.budget_usd,
        storeAnswers: r.shadow.store_answers ?? false,
        maxStoredChars: r.shadow.max_stored_chars ?? 8000,
        ...(r.shadow.judge !== undefined && { judge: r.shadow.judge }),
      },
    }),
    ...(r.self_check && {
      selfCheck: {
        fallback: typeof r.self_check.fallback === 'string' ? r.self_check.fallback : { strongShare: r.self_check.fallback.strong_share },
        when: r.self_check.when ?? 'worse',
        minSamples: r.self_check.min_samples ?? 50,
        windowMs: (r.self_check.window_days ?? 30) * 86_400_000,
        everyMs: (r.self_check.every_seconds ?? 60) * 1000,
      },
    }),
  };
}

function findCycle(start: string, routes: readonly RouteConfig[], path: string[] = []): string[] | undefined {
  if (path.includes(start)) return [...path, start];
  const route = routes.find((r) => r.name === start);
  if (!route) return undefined;
  for (const t of route.targets) {
    const found = findCycle(t.target, routes, [...path, start]);
    if (found && found[0] === found[found.length - 1]) return found;
  }
  return undefined;
}

/**
 * A copy of the tree without the object fields the schema refused (a misspelt key, a negative weight), so the
 * entries holding them can still be checked for the rest; a bad list item or a missing field is left as it is.
 */
function withoutFailedFields(tree: unknown, errors: readonly ValueError[]): unknown {
  const copy = structuredClone(tree);
  for (const leaf of errors.flatMap(schemaErrorLeaves)) {
    if (leaf.type === ValueErrorType.ObjectRequiredProperty) continue;
    const keys = leaf.path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let parent: unknown = copy;
    for (const k of keys) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[k] : undefined;
    if (last !== undefined && typeof parent === 'object' && parent !== null && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}

/** The config with every part that fails the schema left out (an invalid provider, a bad listen...). */
function usableParts(value: unknown): ConfigFile {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(objectOr(value))) {
    if (key === 'providers' || key === 'models' || key === 'routes') {
      const schema = key === 'providers' ? ProviderSchema : key === 'models' ? ModelSchema : RouteSchema;
      out[key] = Object.fromEntries(Object.entries(objectOr(v)).filter(([, entry]) => Value.Check(schema, entry)));
    } else {
      const property = (ConfigSchema.properties as Record<string, TSchema>)[key];
      if (property && Value.Check(property, v)) out[key] = v;
    }
  }
  return out as ConfigFile;
}

/** The `catalog:` section as overrides, applied once here so a bad one is reported with the rest. */
function checkCatalogOverrides(file: ConfigFile, issues: ConfigIssue[]): CatalogOverrides | undefined {
  if (!file.catalog) return undefined;
  const base = loadDefaultCatalog();
  const overrides = catalogOverridesFromConfig(file.catalog, (id) => base.provider(id));
  try {
    loadDefaultCatalog(overrides);
  } catch (err) {
    if (!(err instanceof CatalogOverrideError)) throw err;
    issues.push({ path: 'catalog', message: err.message });
  }
  return overrides;
}

/**
 * A zero-retention or no-training agreement belongs to one account: declared for a provider type, it would
 * cover every provider of that type, accounts without it too. With several of a type, it is refused there
 * and belongs on each provider that has it (`providers.<id>.zero_retention`).
 */
function checkSharedDeclarations(file: ConfigFile, issues: ConfigIssue[]): void {
  for (const [type, declared] of Object.entries(file.catalog?.providers ?? {})) {
    if (declared.zero_retention === undefined && declared.trains_on_prompts === undefined) continue;
    const ids = Object.entries(file.providers ?? {})
      .filter(([, p]) => p.type === type)
      .map(([id]) => id);
    if (ids.length < 2) continue;
    const key = declared.zero_retention !== undefined ? 'zero_retention' : 'trains_on_prompts';
    issues.push({
      path: formatPath(['catalog', 'providers', type, key]),
      message: `providers ${ids.join(', ')} are all of type '${type}': an agreement covers one account, so declare it on each provider that has it (providers.<id>.${key})`,
    });
  }
}

function objectOr(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function resolveProviders(file: ConfigFile, issues: ConfigIssue[]): ProviderConfig[] {
  const out: ProviderConfig[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const [id, p] of Object.entries(file.providers ?? {})) {
    const path = formatPath(['providers', id]);
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
      issues.push({ path, message: 'a provider id may use letters, digits, dots, dashes and underscores only (it is the part before / in a deployment)' });
      continue;
    }
    const type = PROVIDER_TYPES[p.type];
    if (!type) {
      issues.push({ path: `${path}.type`, message: `unknown provider type '${p.type}'; known types: ${providerTypeNames().join(', ')}` });
      continue;
    }
    const simulation = resolveSimulation(p, path, type.simulated === true, issues);
    if (type.simulated && !simulation) continue;
    // a simulated provider reaches no network: its "address" only says whom it stands for
    const baseUrl = simulation ? `simulated:${simulation.simulates}` : (p.base_url ?? type.defaultBaseUrl);
    if (!baseUrl) {
      issues.push({ path: `${path}.base_url`, message: `required for type '${p.type}' (the server's URL, e.g. http://127.0.0.1:8000/v1)` });
      continue;
    }
    if (!simulation && !/^https?:\/\/[^/]+/.test(baseUrl)) {
      issues.push({ path: `${path}.base_url`, message: `must be an http(s) URL, got '${baseUrl}'` });
      continue;
    }
    if (p.zero_retention === true && p.trains_on_prompts === true) {
      issues.push({ path: `${path}.trains_on_prompts`, message: 'a provider that keeps nothing (zero_retention: true) cannot train on prompts' });
    }
    if (type.requiresApiKey && !p.api_key && p.base_url === undefined) {
      issues.push({ path: `${path}.api_key`, message: `required for type '${p.type}' (for example "\${${type.apiKeyEnv[0] ?? 'API_KEY'}}")` });
      continue;
    }
    out.push({
      id,
      type: p.type,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      // a simulated provider sends nothing anywhere: a key given to it is not kept
      ...(p.api_key && !simulation && { apiKey: p.api_key }),
      headers: { ...p.headers },
      ...(p.think_tags !== undefined && { thinkTags: p.think_tags }),
      ...(p.pass_through !== undefined && { passThrough: p.pass_through }),
      ...(p.self_hosted !== undefined && { selfHosted: p.self_hosted }),
      ...(p.jurisdiction !== undefined && { jurisdiction: p.jurisdiction }),
      ...(p.zero_retention !== undefined && { zeroRetention: p.zero_retention }),
      ...(p.trains_on_prompts !== undefined && { trainsOnPrompts: p.trains_on_prompts }),
      timeouts: {
        connectMs: p.timeouts?.connect_ms ?? DEFAULT_TIMEOUTS.connectMs,
        firstByteMs: p.timeouts?.first_byte_ms ?? DEFAULT_TIMEOUTS.firstByteMs,
        idleMs: p.timeouts?.idle_ms ?? DEFAULT_TIMEOUTS.idleMs,
      },
      totalTimeoutMs: p.timeouts?.total_ms ?? DEFAULT_TOTAL_TIMEOUT_MS,
      retries: p.retries ?? DEFAULT_RETRIES,
      prices: Object.fromEntries(
        Object.entries(p.prices ?? {}).map(([model, price]) => [
          model,
          {
            input: price.input,
            output: price.output,
            ...(price.cached_input !== undefined && { cachedInput: price.cached_input }),
            ...(price.cache_write !== undefined && { cacheWrite: price.cache_write }),
            ...(price.reasoning !== undefined && { reasoning: price.reasoning }),
            source: 'config',
            asOf: today,
          },
        ]),
      ),
      ...(simulation && { simulation }),
    });
  }
  return out;
}

function resolveModels(
  file: ConfigFile,
  declared: ReadonlySet<string>,
  issues: ConfigIssue[],
): ModelConfig[] {
  const out: ModelConfig[] = [];
  for (const [name, m] of Object.entries(file.models ?? {})) {
    const deployments = m.deployments.map((ref, i) => {
      const slash = ref.indexOf('/');
      const providerId = slash > 0 ? ref.slice(0, slash) : '';
      const model = slash > 0 ? ref.slice(slash + 1) : '';
      const path = formatPath(['models', name, 'deployments', i]);
      if (!providerId || !model) {
        issues.push({ path, message: `'${ref}' must be <provider id>/<upstream model name>` });
      } else if (!declared.has(providerId)) {
        const known = [...declared].join(', ') || 'none configured';
        issues.push({ path, message: `unknown provider '${providerId}' (configured providers: ${known})` });
      }
      return { providerId, model };
    });
    out.push({ name, deployments });
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
