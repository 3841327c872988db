import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsAccess } from './metrics-access.js';
import { browserRules, checkBrowserRequest, preflightHeaders } from '../http/browser-guard.js';
import { isLoopback } from '../config/parse-listen.js';
import type { Logger } from 'pino';
import type { GatewayContext } from '../api/gateway-context.js';
import { registerChatCompletionsRoute } from '../api/openai/chat-completions-route.js';
import { registerMessagesRoutes } from '../api/anthropic/messages-route.js';
import { registerResponsesRoute } from '../api/responses/responses-route.js';
import { registerEmbeddingsRoute } from '../api/openai/embeddings-route.js';
import { encodeError } from '../api/openai/encode-error.js';
import { registerModelsRoute } from '../api/openai/models-route.js';
import { DEFAULT_RETRIES, DEFAULT_TOTAL_TIMEOUT_MS, type GatewayConfig } from '../config/gateway-config.js';
import type { ExecuteDeps } from '../routing/execute-plan.js';
import type { DeploymentHealth } from '../routing/health/deployment-health.js';
import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import { describeHealth } from '../routing/health/describe-health.js';
import { deploymentKey } from '../routing/deployment-info.js';
import { registerHealthRoute } from '../api/admin/health-route.js';
import { LoggedHealth } from './logged-health.js';
import { sleep } from '../routing/sleep.js';
import { InflightRequests } from '../http/inflight-requests.js';
import { BodyPool, readJsonBody } from '../http/read-json-body.js';
import { ConcurrencyLimit } from '../http/concurrency-limit.js';
import type { RequestContext } from '../http/request-context.js';
import { RouteTable, type ErrorWire } from '../http/route-table.js';
import { sendJson } from '../http/send-response.js';
import type { ModelTable } from '../routing/model-table.js';
import { GatewayError, toGatewayError } from '../spec/gateway-error.js';
import { RequestAccount, type AccountingDeps } from '../accounting/request-account.js';
import { registerAdminRoutes } from '../api/admin/admin-routes.js';
import { knownModelsOf } from '../auth/known-models.js';
import { registerRouteExplainRoute } from '../api/admin/route-explain-route.js';
import { registerKillSwitchRoutes } from '../api/admin/kill-switch-routes.js';
import { registerProviderFactsRoute } from '../api/admin/provider-facts-route.js';
import { killVocabulary } from '../routing/policies/kill-vocabulary.js';
import { Authenticator } from '../auth/authenticate.js';
import { createAdminAccess } from '../auth/admin-access.js';
import { SignInLimiter } from '../auth/sign-in-limiter.js';
import { UiSessions } from '../auth/ui-session.js';
import { registerUiSessionRoutes } from '../api/admin/ui-session-routes.js';
import { registerDashboardRoutes } from '../api/admin/dashboard-routes.js';
import { DEFAULT_UI_DIR, isUiPath, registerStaticUiRoutes, UI_SECURITY_HEADERS } from '../http/serve-static-ui.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Stores } from './open-stores.js';
import { createLogging, type Logging } from './create-logging.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { PolicyRuntime } from '../routing/policies/policy-runtime.js';
import { CHANNELS } from '../ledger/notifier.js';
import { ShadowRunner } from '../routing/cost-quality/shadow-runner.js';
import { RouterSelfChecks } from '../routing/cost-quality/router-self-check.js';
import { ResponseCache } from '../cache/response-cache.js';
import { RequestTelemetry } from '../telemetry/request-telemetry.js';
import { createOtlpTracing, type Tracing } from '../telemetry/otlp-tracing.js';
import { watchLedgerBacklog } from '../telemetry/ledger-backlog-metrics.js';
import { readPackageVersion } from '../cli/read-package-version.js';

export interface AppDeps {
  config: GatewayConfig;
  models: ModelTable;
  stores: Stores;
  catalog: Catalog;
  /** Where logs go; defaults to asynchronous JSON lines on stdout at the config's level. */
  logging?: Logging;
  now?: () => number;
  /** Deployment health; in-process by default. */
  health?: DeploymentHealth;
  /** In [0, 1): weighted routing and backoff jitter; Math.random by default. */
  random?: () => number;
  /** The built dashboard served at /ui; dist/ui in the package by default. */
  uiDir?: string;
  /** Request traces; by default OTLP/HTTP when the config's `telemetry.otlp` is set, else none. */
  tracing?: Tracing;
}

export interface App {
  /** The node:http request listener. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  log: Logger;
  metrics: GatewayMetrics;
  inflight: InflightRequests;
  /** Start it (it reads the kill switches) before serving; stop it when closing. */
  policy: PolicyRuntime;
  /** Background shadow runs; stopped when closing. */
  shadow: ShadowRunner;
  /** Whether each cost-quality router beats random on judged shadow samples; started before serving, stopped when closing. */
  selfChecks: RouterSelfChecks;
  /** GenAI metrics and request traces; shut down (traces flushed) when closing. */
  telemetry: RequestTelemetry;
  /** From now on new requests are refused with 503 (a graceful shutdown has begun). */
  refuseNewRequests(): void;
  /** Whether clients must send a key: a master key is configured, or a virtual key was ever issued in the store. */
  clientKeysRequired(): Promise<boolean>;
}

/**
 * The HTTP application on plain node:http: a route table, JSON bodies, OpenAI-shaped errors, one
 * access-log line and one metrics record per request. Every route but the health check and the metrics
 * scrape needs the client key when one is configured. Built from injected dependencies only.
 */
export function createApp(deps: AppDeps): App {
  const { config } = deps;
  const logging = deps.logging ?? createLogging(config.logLevel);
  const log = logging.log;
  const inflight = new InflightRequests();
  const metrics = new GatewayMetrics();
  const now = deps.now ?? Date.now;
  const { stores } = deps;
  const otlp = config.telemetry?.otlp;
  const tracing = deps.tracing ?? (otlp && createOtlpTracing(otlp, config.providers, readPackageVersion(), log));
  const telemetry = new RequestTelemetry(metrics.registry, { models: deps.models, providers: config.providers, tracing });
  const ledger = stores.ledger;
  if (ledger.backlog) watchLedgerBacklog(metrics.registry, () => ledger.backlog!());
  const accounting: AccountingDeps = {
    counters: stores.counters,
    ledger: stores.ledger,
    now,
    storedBodyBytes: config.storedBodyBytes,
    onLedgerError: (err, id) => log.error({ err, requestId: id }, 'ledger write failed: this request has no ledger row'),
    onClosed: (closed) => telemetry.closed(closed),
  };
  const limits = new Map(config.providers.map((p) => [p.id, { retries: p.retries, totalTimeoutMs: p.totalTimeoutMs }]));
  const execute: ExecuteDeps = {
    health: new LoggedHealth(deps.health ?? new MemoryDeploymentHealth(config.health, now), log),
    now,
    sleep,
    random: deps.random ?? Math.random,
    limitsFor: (id) => limits.get(id) ?? { retries: DEFAULT_RETRIES, totalTimeoutMs: DEFAULT_TOTAL_TIMEOUT_MS },
  };
  const policy = new PolicyRuntime({
    policies: config.policies,
    concentration: config.concentration,
    control: stores.control,
    now,
    onError: (err) => log.error({ err }, 'cannot read the kill switches; keeping the last ones read'),
  });
  execute.blocked = (attempt) => policy.watcher.kills.reason(attempt);
  const shadow = new ShadowRunner({
    models: deps.models,
    execute,
    ledger: stores.ledger,
    counters: stores.counters,
    store: stores.shadow,
    policy,
    log,
    now,
    random: execute.random,
  });
  const selfChecks = new RouterSelfChecks(deps.models.costQualityRoutes(), { usage: stores.usage, now, log });
  metrics.watchRouterSelfChecks(() => selfChecks.list());
  const cache = config.cache && stores.cache ? new ResponseCache(config.cache, stores.cache, log, (o) => metrics.countCache(o)) : undefined;
  const ctx: GatewayContext = {
    models: deps.models,
    planner: { models: deps.models, health: execute.health, random: execute.random, policy },
    log,
    now,
    inflight,
    execute,
    policy,
    shadow,
    ...(cache && { cache }),
    openAccount: (id, principal, operation) => telemetry.open(new RequestAccount(accounting, id, principal, now()), operation),
  };
  const auth = new Authenticator(config.masterKey, stores.keys, now);
  const sessions = config.adminKey ? new UiSessions(config.adminKey, stores.sessions, now) : undefined;
  const checkAdmin = createAdminAccess(config.adminKey, sessions);
  const checkMetrics = metricsAccess(config);
  const routes = new RouteTable()
    .get('/health', async () => ({ status: 'ok' }), { open: true })
    .get(
      '/metrics',
      async (rc) => {
        checkMetrics(rc.req.headers);
        return sendMetrics(rc.res, await metrics.render());
      },
      { open: true },
    );
  registerChatCompletionsRoute(routes, ctx);
  registerMessagesRoutes(routes, ctx);
  registerResponsesRoute(routes, ctx);
  registerEmbeddingsRoute(routes, ctx);
  registerModelsRoute(routes, ctx);
  registerAdminRoutes(routes, {
    keys: stores.keys,
    usage: stores.usage,
    catalog: deps.catalog,
    baseline: config.baseline,
    concentration: config.concentration,
    models: knownModelsOf(deps.models, config.providers.map((p) => p.id)),
    now,
  });
  registerRouteExplainRoute(routes, { planner: ctx.planner, keys: stores.keys });
  const configured = [...new Set(deps.models.list().flatMap((m) => m.deployments.map(deploymentKey)))];
  registerHealthRoute(routes, { configured: () => configured, health: execute.health, now });
  // configured deployments only: the names of others are the clients' to choose, and labels must stay few
  metrics.watchHealth(() => describeHealth(configured, execute.health, 0));
  registerKillSwitchRoutes(routes, {
    control: stores.control,
    policy,
    vocabulary: killVocabulary(deps.catalog, config),
    now,
    announce: (target) => void stores.notifier.publish(CHANNELS.kill, target).catch((err) => log.warn({ err }, 'could not announce a kill switch change')),
  });
  registerProviderFactsRoute(routes, { providers: config.providers, catalog: deps.catalog });
  registerDashboardRoutes(routes, { config, models: deps.models, stores, catalog: deps.catalog, now });
  registerUiSessionRoutes(routes, { adminKey: config.adminKey, sessions, limiter: new SignInLimiter(now) });
  registerStaticUiRoutes(routes, { dir: deps.uiDir ?? DEFAULT_UI_DIR, adminKeySet: config.adminKey !== undefined });
  let closing = false;
  let nextId = 0;
  const browser = browserRules(config.listen.host, isLoopback(config.listen.host), config.allowedHosts, config.allowedOrigins);
  const bodies = new BodyPool(config.limits.maxBufferedBodyBytes);
  const perKey = new ConcurrencyLimit(config.limits.maxConcurrentPerKey);

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const header = req.headers['x-request-id'];
    const rc: RequestContext = {
      req,
      res,
      method: req.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q),
      id: `req-${(++nextId).toString(36)}`,
      body: undefined,
      headers: {},
      // the client's own id is logged beside the gateway's, never in its place
      logFields: typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? { clientRequestId: header } : {},
      outcome: {},
      log,
    };
    let pattern = 'unknown';
    let errors: ErrorWire | undefined;
    let held: (() => void) | undefined;
    try {
      if (closing) {
        rc.headers.connection = 'close';
        throw new GatewayError('shutting_down', 'The gateway is shutting down; retry the request.');
      }
      if (rc.method === 'OPTIONS') {
        const preflight = preflightHeaders(req.headers, browser);
        if (preflight) {
          res.writeHead(204, preflight).end();
          return;
        }
      }
      const ui = isUiPath(rc.path);
      if (ui) Object.assign(rc.headers, UI_SECURITY_HEADERS);
      const cors = checkBrowserRequest(req.headers, browser, ui && (rc.method === 'GET' || rc.method === 'HEAD') && rc.path !== '/ui/session');
      if (cors) Object.assign(rc.headers, cors);
      const { route, allowed } = routes.match(rc.method, rc.path);
      if (!route) throw noRoute(rc, allowed);
      pattern = route.pattern;
      errors = route.errors;
      if (route.admin) {
        rc.logFields.admin = (await checkAdmin(req, rc.method)).via;
      } else if (!route.open) {
        const principal = await auth.authenticate(req.headers);
        if (principal) rc.principal = principal;
      }
      const keyId = rc.principal?.keyId;
      if (keyId !== undefined) held = perKey.enter(keyId);
      if (route.readsBody) rc.body = await readJsonBody(req, config.maxBodyBytes, bodies);
      const body = await route.handler(rc);
      if (body !== undefined) sendJson(res, 200, body, rc.headers);
    } catch (err) {
      const error = toGatewayError(err);
      if (error.code === 'internal_error') log.error({ err, reqId: rc.id }, 'unhandled error');
      sendError(res, error, rc.headers, errors);
      rc.logFields.error = error.code;
    } finally {
      held?.();
    }
    const seconds = (performance.now() - started) / 1000;
    const { model, provider, stream, usage } = rc.outcome;
    metrics.record({ route: pattern, model: model ?? '', provider: provider ?? '', status: res.statusCode, stream: stream ?? false, seconds, ...(usage && { usage }) });
    logging.access({
      reqId: rc.id,
      method: rc.method,
      path: rc.path,
      status: res.statusCode,
      ms: Math.round(seconds * 10_000) / 10,
      model,
      provider,
      stream,
      ...rc.logFields,
    });
  }

  return {
    handle(req, res) {
      // Last line of defence: whatever escapes a request's own handling ends that request, never the process.
      dispatch(req, res).catch((err: unknown) => {
        log.error({ err }, 'request failed outside its error handling; closing its connection');
        if (!res.headersSent) {
          try {
            sendJson(res, 500, encodeError(new GatewayError('internal_error', 'The gateway failed to handle this request.')), { connection: 'close' });
            return;
          } catch {
            // fall through: the connection is closed instead
          }
        }
        res.destroy();
      });
    },
    log,
    metrics,
    inflight,
    policy,
    shadow,
    selfChecks,
    telemetry,
    refuseNewRequests() {
      closing = true;
    },
    clientKeysRequired: () => auth.isRequired(),
  };
}

/** A client's `x-request-id` worth logging: short, printable ASCII. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** An error in OpenAI's shape, unless the response has already started (a stream ends itself). */
function sendError(res: ServerResponse, error: GatewayError, headers: Record<string, string>, wire?: ErrorWire): void {
  if (res.headersSent || res.destroyed) return;
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterSeconds));
  if (error.code === 'payload_too_large') headers.connection = 'close';
  if (wire) {
    const { status, body } = wire(error);
    sendJson(res, status, body, headers);
  } else sendJson(res, error.status, encodeError(error), headers);
}

function sendMetrics(res: ServerResponse, text: string): undefined {
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return undefined;
}

function noRoute(rc: RequestContext, allowed: string[]): GatewayError {
  if (allowed.length > 0) {
    rc.headers.allow = allowed.join(', ');
    return new GatewayError('method_not_allowed', `${rc.method} is not allowed on ${rc.path}; use ${allowed.join(' or ')}.`);
  }
  return new GatewayError(
    'not_found',
    `No route for ${rc.method} ${rc.path}. This gateway serves POST /v1/chat/completions, POST /v1/embeddings and GET /v1/models.`,
  );
}
