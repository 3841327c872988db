import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { FakeUpstream, type RecordedRequest, type Reply } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { seedHistory, type HistoryCaller, type HistoryDeployment } from './seed-history.js';

export const ADMIN_KEY = 'sy-admin-dashboard-tests-0123456789';

/** The models the dashboard's gateway serves: `name → provider id, provider type, upstream model`. */
const SERVED = [
  { model: 'deepseek-chat', provider: 'deepseek', type: 'deepseek', upstream: 'deepseek-chat' },
  { model: 'mistral-small', provider: 'mistral', type: 'mistral', upstream: 'mistral-small-latest' },
  { model: 'gpt-4o-mini', provider: 'openai', type: 'openai', upstream: 'gpt-4o-mini' },
  { model: 'llama-3.3-70b', provider: 'together', type: 'together', upstream: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' },
  { model: 'gpt-5', provider: 'openai', type: 'openai', upstream: 'gpt-5' },
] as const;

export interface CreatedTestKey {
  key: string;
  id: string;
  prefix: string;
  team: string;
}

export interface DashboardGateway {
  gateway: TestGateway;
  upstream: FakeUpstream;
  url: string;
  /** Keys made through the admin API: `search` (a monthly budget), `support` (bodies stored), `legal` (a weekly budget). */
  keys: Record<'search' | 'support' | 'legal', CreatedTestKey>;
  /** The text every stored request body of the support key contains. */
  bodyMarker: string;
  /** Requests the live traffic sent (served or not). */
  liveRequests: number;
  /** GET an admin endpoint with the admin key; the parsed JSON. */
  admin<T = any>(path: string, init?: RequestInit): Promise<T>;
  /** The official SDK with a virtual key. */
  sdk(key: string): OpenAI;
  close(): Promise<void>;
}

/**
 * A real gateway for the browser tests: an admin key, a SQLite file ledger, five catalog models on four
 * providers (CN, FR, US origins; CN, FR, US jurisdictions) served by one fake upstream, a cost-quality route
 * with shadow runs judged by a model, and a concentration cap. Its ledger holds 29 days of past traffic
 * written through the ledger's writer, then real requests sent through the gateway with the OpenAI SDK
 * (streams, stored bodies, failures, routed requests).
 */
export async function startDashboardGateway(): Promise<DashboardGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-dashboard-'));
  const ledgerPath = join(dir, 'ledger.db');
  const upstream = await FakeUpstream.start();
  let judged = 0;
  upstream.reply((req) => answer(req, () => (judged++ % 4 === 3 ? 'B' : 'A')));
  const providers = Object.fromEntries(
    [...new Map(SERVED.map((s) => [s.provider, s.type])).entries()].map(([id, type]) => [id, { type, api_key: `sk-test-${id}`, base_url: `${upstream.url}/v1`, retries: 0 }]),
  );
  const gateway = await startTestGateway({
    storage: `sqlite:${ledgerPath}`,
    auth: { admin_key: ADMIN_KEY },
    baseline: 'openai/gpt-5',
    providers,
    models: {
      ...Object.fromEntries(SERVED.map((s) => [s.model, { deployments: [`${s.provider}/${s.upstream}`] }])),
      flaky: { deployments: ['together/flaky-model'] },
    },
    routes: {
      auto: {
        strategy: 'cost-quality',
        weak: ['deepseek-chat'],
        strong: ['gpt-5'],
        threshold: { strong_share: 0.3 },
        shadow: { sample: 1, budget_usd: 5, judge: 'gpt-4o-mini' },
      },
    },
    concentration: [{ by: 'provider', max_share: 0.6, window: '1h' }],
  });

  const admin = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${gateway.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', ...init.headers },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const createKey = async (body: Record<string, unknown>) => admin<CreatedTestKey>('/admin/keys', { method: 'POST', body: JSON.stringify(body) });
  const keys = {
    search: await createKey({ team: 'search', name: 'search-ci', budget_usd: 100, budget_period: 'month', rpm: 600 }),
    support: await createKey({ team: 'support', name: 'support-bot', store_bodies: true }),
    legal: await createKey({ team: 'legal', name: 'legal-review', budget_usd: 20, budget_period: 'week', tpm: 200_000 }),
  };

  // 29 days of history, priced and placed as the catalog does
  const catalog = loadDefaultCatalog();
  const deployments: HistoryDeployment[] = SERVED.filter((s) => s.model !== 'gpt-5').map((s) => {
    const { model, offer } = catalog.resolve(s.type, s.upstream);
    if (!model || !offer?.price) throw new Error(`the catalog does not price ${s.type}/${s.upstream}`);
    return {
      model: s.model,
      provider: s.provider,
      providerType: s.type,
      servedModel: s.upstream,
      catalogModel: model.id,
      developer: model.developer,
      origin: model.origin,
      jurisdiction: catalog.provider(s.type)?.jurisdiction ?? 'unknown',
      price: { input: offer.price.input, output: offer.price.output },
    };
  });
  const callers: HistoryCaller[] = Object.values(keys).map((k) => ({ keyId: k.id, team: k.team }));
  await seedHistory(ledgerPath, deployments, callers, Date.now());

  // live traffic through the gateway
  const sdk = (key: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0, timeout: 15_000 });
  const bodyMarker = 'Summarise support ticket';
  const plan: Array<{ key: CreatedTestKey; model: string; stream: boolean; text: string }> = [];
  const models = ['deepseek-chat', 'mistral-small', 'gpt-4o-mini', 'llama-3.3-70b', 'deepseek-chat', 'auto'];
  for (let i = 0; i < 30; i++) {
    const key = [keys.search, keys.support, keys.legal][i % 3]!;
    const text = key === keys.support ? `${bodyMarker} #${i}: the printer is on fire.` : `Question ${i}: what is ${i} + ${i}?`;
    plan.push({ key, model: models[i % models.length]!, stream: i % 4 === 1, text });
  }
  // a key without a budget reaches the unpriced flaky deployment (and its 503); one with a budget is refused before it
  plan.push({ key: keys.support, model: 'flaky', stream: false, text: 'this one fails upstream' }, { key: keys.legal, model: 'flaky', stream: true, text: 'this one is refused' });
  for (const p of plan) {
    const messages = [{ role: 'user' as const, content: p.text }];
    try {
      if (p.stream) {
        const stream = await sdk(p.key.key).chat.completions.create({ model: p.model, messages, stream: true, stream_options: { include_usage: true } });
        for await (const _ of stream) void _;
      } else {
        await sdk(p.key.key).chat.completions.create({ model: p.model, messages });
      }
    } catch (err) {
      if (p.model !== 'flaky') throw err;
    }
  }

  return {
    gateway,
    upstream,
    url: gateway.url,
    keys,
    bodyMarker,
    liveRequests: plan.length,
    admin,
    sdk,
    async close() {
      await gateway.close(0);
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The fake provider: a judge's request gets a verdict letter, `flaky-model` a 503, anything else an answer
 * whose token counts grow with the prompt, after a short wait (so first-token and total times differ).
 */
function answer(req: RecordedRequest, verdict: () => string): Reply {
  const model = String(req.json?.model ?? 'm');
  if (model === 'flaky-model') return { status: 503, json: { error: { message: 'overloaded, try later', type: 'server_error' } } };
  const messages = (req.json?.messages ?? []) as Array<{ role: string; content: unknown }>;
  const prompt = messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
  const judging = messages[0]?.role === 'system' && prompt.includes('You compare two answers');
  const text = judging ? verdict() : `Answer from ${model}: ${prompt.length % 7 === 0 ? 'yes' : 'it depends'}.`;
  const usage = { prompt_tokens: 12 + prompt.length, completion_tokens: judging ? 1 : 20 + (prompt.length % 60) };
  const total = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  const delayMs = 5 + (prompt.length % 25);
  if (req.json?.stream) {
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    return {
      delayMs,
      frameDelayMs: 3,
      sse: [
        chunk({ role: 'assistant', content: text.slice(0, 10) }, null),
        chunk({ content: text.slice(10) }, null),
        chunk({}, 'stop'),
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: total })}\n\n`,
        'data: [DONE]\n\n',
      ],
    };
  }
  return {
    delayMs,
    json: { id: 'c1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: total },
  };
}
