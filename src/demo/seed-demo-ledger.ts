import { RequestAccount } from '../accounting/request-account.js';
import { parseChatRequest } from '../api/openai/parse-chat-request.js';
import type { Principal } from '../auth/key-record.js';
import type { Catalog } from '../catalog/catalog.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { UsageWriter } from '../ledger/ledger-row.js';
import { MemoryCounterStore } from '../ledger/memory-counter-store.js';
import { simulatedFailure } from '../providers/simulated/draw-simulated-failure.js';
import { CostQualityRouter } from '../routing/cost-quality/cost-quality-router.js';
import { LIVE_MIN } from '../routing/cost-quality/live-score-quantiles.js';
import { describeRoute } from '../routing/describe-route.js';
import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import { planChatRequest, type Planner } from '../routing/plan-request.js';
import { emptyPlanError, type Attempt } from '../routing/plan-route.js';
import type { ControlStore } from '../routing/policies/kill-switch.js';
import { PolicyRuntime } from '../routing/policies/policy-runtime.js';
import { buildProviders } from '../server/build-providers.js';
import { GatewayError, type FailedAttempt } from '../spec/gateway-error.js';
import { AUTO_ROUTE, DEMO_PROVIDERS } from './build-demo-config.js';
import type { DemoKey } from './demo-keys.js';
import { DEMO_PROMPTS } from './demo-prompts.js';
import { planDemoHistory, type HistoryRequest } from './plan-demo-history.js';

/** What seeding plans and writes with: the demo's config and catalog, the store's ledger and control, the keys. */
export interface SeedOptions {
  config: GatewayConfig;
  catalog: Catalog;
  ledger: UsageWriter;
  /** The store's kill switches (none in a fresh demo store), read as a gateway process reads them. */
  control: ControlStore;
  /** The team keys whose past traffic this is. */
  keys: readonly DemoKey[];
  now: number;
  days: number;
  random: () => number;
}

/**
 * Write the demo's past: the story of planDemoHistory, each request planned by the gateway's own planner
 * (the demo config's models, routes, policies and caps, and the shipped router scoring the prompt) and
 * accounted by the gateway's own RequestAccount, which prices it and writes its row through the ledger's
 * writer, with the request's past time. So every row has the shape, the route text, the exclusions and the
 * prices of one the gateway writes; only its id (`demo-seed-…`) and its timing are made up, and its
 * providers are the demo's simulated ones (`sim-…`). Resolves with the number of rows written.
 */
export async function seedDemoLedger(o: SeedOptions): Promise<number> {
  const providers = buildProviders(o.config, o.catalog);
  let clock = o.now - o.days * 86_400_000;
  const policy = new PolicyRuntime({ policies: o.config.policies, concentration: o.config.concentration, control: o.control, now: () => clock });
  await policy.start();
  policy.stop();
  const planner = { models: providers.models, health: new MemoryDeploymentHealth(o.config.health), random: o.random, policy };
  const history = planDemoHistory({ now: o.now, days: o.days, random: o.random, autoWeakShare: autoWeakShare(o.config) });
  const principals = new Map(o.keys.map((k): [string, Principal] => [k.team, { keyId: k.id, team: k.team, master: false, record: k.record }]));
  const counters = new MemoryCounterStore();
  const failures: unknown[] = [];
  const writes: Array<Promise<unknown>> = [];
  try {
    for (const [i, h] of history.entries()) {
      clock = h.time;
      const end = { at: h.time };
      const account = new RequestAccount(
        { counters, ledger: o.ledger, now: () => end.at, storedBodyBytes: o.config.storedBodyBytes, onLedgerError: (err) => failures.push(err) },
        `demo-seed-${String(i).padStart(6, '0')}`,
        principals.get(h.team),
        h.time,
      );
      writes.push(settle(account, h, planner, end, o.random, policy));
      // the writer commits a batch per event-loop turn: a day's rows at a time keeps memory flat
      if (writes.length >= 500) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  } finally {
    await providers.close();
  }
  if (failures.length > 0) throw failures[0];
  return history.length;
}

/** Plan one past request, decide how it went, and close its account (which writes the row). */
function settle(account: RequestAccount, h: HistoryRequest, planner: Planner, end: { at: number }, random: () => number, policy: PolicyRuntime): Promise<unknown> {
  const chat = parseChatRequest({ model: h.model, messages: [{ role: 'user', content: h.prompt }], stream: h.stream });
  const plan = planChatRequest(chat, planner, account.principal, h.inputTokens);
  account.requestedModel = chat.model;
  account.stream = h.stream;
  account.plan = plan;
  const fail = (error: GatewayError, failed: FailedAttempt[] = []) => {
    account.attempts = failed;
    account.route = describeRoute(plan, undefined, failed);
    end.at = h.time + 5 + failed.length * 400;
    return account.close(error.status, error);
  };
  if (plan.attempts.length === 0) return fail(emptyPlanError(plan));
  if (h.fate === 'rate_limited') {
    const limit = account.principal?.record?.rpm ?? 60;
    return fail(new GatewayError('rate_limited', `Rate limit of ${limit} requests per minute reached for this key; retry in 7 s.`, { retryAfterSeconds: 7 }));
  }
  const tried = h.fate === 'failed' ? plan.attempts : h.fate === 'failover' && plan.attempts.length > 1 ? plan.attempts.slice(0, 1) : [];
  const failed = tried.map((a): FailedAttempt => {
    const e = simulatedFailure(a.providerId, random());
    return { provider: a.providerId, model: a.model, code: e.code, message: e.message };
  });
  if (h.fate === 'failed') {
    const last = simulatedFailure(plan.attempts[plan.attempts.length - 1]!.providerId, 0.7);
    return fail(last.withAttempts(failed), failed);
  }
  const served = plan.attempts[failed.length]!;
  policy.noteSent(served);
  const pace = paceOf(served, random);
  account.served = served;
  account.attempts = failed;
  account.route = describeRoute(plan, served, failed);
  account.usage = { inputTokens: h.inputTokens, outputTokens: h.outputTokens };
  account.ttftMs = Math.round(failed.length * pace.ttftMs * 0.4 + pace.ttftMs);
  end.at = h.time + account.ttftMs + Math.round((h.outputTokens / pace.tokensPerSecond) * 1000);
  return account.close(200).then((priced) => policy.noteSettled(served, h.inputTokens + h.outputTokens, priced.cost));
}

/** A served request's time to first token and speed: its provider's, with the spread a day's traffic has. */
function paceOf(served: Attempt, random: () => number): { ttftMs: number; tokensPerSecond: number } {
  const p = DEMO_PROVIDERS[served.providerId] ?? { ttftMs: 600, tokensPerSecond: 60 };
  return { ttftMs: p.ttftMs * (0.6 + 0.9 * random()), tokensPerSecond: p.tokensPerSecond * (0.75 + 0.5 * random()) };
}

/**
 * The share of the demo's prompts that the cost-quality route sends to its cheap tier once its threshold
 * follows its traffic (live calibration, which the history's own auto requests bring about within days):
 * a router is warmed on the demo's prompts as the history will warm the seeding planner's.
 */
function autoWeakShare(config: GatewayConfig): number {
  const route = config.routes.find((r) => r.name === AUTO_ROUTE.name)?.costQuality;
  if (!route) return 0;
  const router = CostQualityRouter.load(route.routerModel, route.threshold);
  const requests = DEMO_PROMPTS.map((p) => parseChatRequest({ model: AUTO_ROUTE.name, messages: [{ role: 'user', content: p }] }));
  for (let i = 0; i < LIVE_MIN + 200; i++) router.decide(requests[i % requests.length]!);
  return requests.filter((r) => router.decide(r).tier === 'weak').length / requests.length;
}
