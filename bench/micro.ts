/**
 * Micro-benchmark of the per-request work inside the gateway process, without any network: parse the
 * client's JSON into a ChatRequest, plan the route, build the provider's wire body, read the provider's
 * answer, encode the client's answer, and turn a 20-chunk stream into client frames. Catches regressions
 * in the hot path early. The ledger's writers are measured for what they cost the event loop too
 * (`ledger-main-thread.ts`): the in-thread SQLite writer, the commit-worker writer and the PostgreSQL
 * path's local spool, each as the gateway opens it. Usage: node build-bench/bench/micro.js [--json]
 * answer, encode the client's answer, and turn a 20-chunk stream into client frames, each translated and
 * on the fast path (relayed). Catches regressions in the hot path early.
 * Usage: node build-bench/bench/micro.js [--json] [--only <part of a task's name>]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { loadDefaultCatalog } from '../src/catalog/load-catalog.js';
import type { LedgerRow } from '../src/ledger/ledger-row.js';
import { priceUsage } from '../src/ledger/price-usage.js';
import { openSqlite } from '../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageWriter } from '../src/ledger/sqlite/sqlite-usage-writer.js';
import { WorkerUsageWriter } from '../src/ledger/sqlite/worker-usage-writer.js';
import { checkpointInBackground } from '../src/ledger/sqlite/checkpoint-in-background.js';
import { RowSpool } from '../src/ledger/spool/row-spool.js';
import { SpooledUsageWriter } from '../src/ledger/spool/spooled-usage-writer.js';
import { measureIdleDelay, measureLedgerMainThread } from './ledger-main-thread.js';
import { ChatChunkEncoder } from '../src/api/openai/chat-chunk-encoder.js';
import { encodeChatCompletion } from '../src/api/openai/encode-chat-completion.js';
import { parseChatRequest } from '../src/api/openai/parse-chat-request.js';
import { buildConfig } from '../src/config/load-config.js';
import { convertToOpenAIChatRequest } from '../src/providers/openai-compatible/convert-to-openai-chat-request.js';
import { parseOpenAIChatResponse } from '../src/providers/openai-compatible/parse-openai-chat-response.js';
import { OpenAIChatStreamDecoder } from '../src/providers/openai-compatible/decode-openai-chat-stream.js';
import { decodeEventStream } from '../src/providers/toolkit/decode-event-stream.js';
import { ChatRelayTap } from '../src/providers/openai-compatible/relay-chat-stream.js';
import { relayChatBody } from '../src/providers/openai-compatible/relay-chat-request.js';
import { cutPlainCompletion } from '../src/providers/openai-compatible/cut-plain-completion.js';
import { spliceChatCompletion } from '../src/api/openai/splice-chat-completion.js';
import type { JsonObject } from '../src/providers/toolkit/json-shapes.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../src/providers/openai-compatible/profiles.js';
import { MemoryDeploymentHealth } from '../src/routing/health/memory-deployment-health.js';
import { planChatRoute } from '../src/routing/plan-route.js';
import { buildProviders } from '../src/server/build-providers.js';
import type { StreamPart } from '../src/spec/stream-part.js';
import { loadRouterModel } from '../src/routing/router/load-router-model.js';
import { decide, scoreRequest, thresholdForStrongShare } from '../src/routing/router/router-model.js';
import { longRouterRequest } from './router-prompt.js';
import { Registry } from 'prom-client';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { RequestAccount } from '../src/accounting/request-account.js';
import { MemoryCounterStore } from '../src/ledger/memory-counter-store.js';
import { GenAiMetrics } from '../src/telemetry/genai-metrics.js';
import { ResponseCache } from '../src/cache/response-cache.js';
import { SqliteResponseCache } from '../src/cache/sqlite-response-cache.js';
import { chatCacheKey } from '../src/cache/cache-key.js';
import { cachedChat } from '../src/cache/cached-answer.js';
import { ModelLabels } from '../src/telemetry/model-labels.js';
import { RequestSpan } from '../src/telemetry/request-span.js';

const requestBody = JSON.stringify({
  model: 'bench-model',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Write one sentence about foxes.' },
  ],
  max_tokens: 64,
  temperature: 0.7,
});
const upstreamAnswer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1700000000,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The quick brown fox jumps over the lazy dog.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 42, completion_tokens: 40, total_tokens: 82 },
});
const chunk = (delta: Record<string, unknown>, finish: string | null) =>
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finish }] });
const streamEvents = [
  chunk({ role: 'assistant', content: '' }, null),
  ...Array.from({ length: 20 }, (_, i) => chunk({ content: `word${i} ` }, null)),
  chunk({}, 'stop'),
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [], usage: { prompt_tokens: 42, completion_tokens: 20, total_tokens: 62 } }),
  '[DONE]',
].map((data) => `data: ${data}\n\n`);
const streamBytes = new TextEncoder().encode(streamEvents.join(''));

const config = buildConfig(
  { providers: { up: { type: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1' } }, models: { 'bench-model': { deployments: ['up/bench-model'] } } },
  'micro',
  {},
);
const catalog = loadDefaultCatalog();
const { models } = buildProviders(config, catalog);
const scratch = mkdtempSync(join(tmpdir(), 'sy-micro-'));
const db = openSqlite(join(scratch, 'ledger.db'));
const ledger = new SqliteUsageWriter(db);
// the ledger's writers as the gateway opens them: the WAL checkpointed by its own thread, not by commits
const inThreadPath = join(scratch, 'in-thread.db');
const inThreadDb = openSqlite(inThreadPath);
inThreadDb.pragma('wal_autocheckpoint = 0');
const inThread = new SqliteUsageWriter(inThreadDb);
const workerPath = join(scratch, 'worker.db');
openSqlite(workerPath).close();
const workerLedger = await WorkerUsageWriter.open(workerPath, { walAutocheckpoint: 0 });
const checkpoints = [checkpointInBackground(inThreadPath), checkpointInBackground(workerPath)];
const spool = new SpooledUsageWriter(await RowSpool.open(join(scratch, 'spool'), 'micro'), async () => undefined);
const price = { input: 0.28, cachedInput: 0.028, output: 0.42, source: 'micro', asOf: '2026-01-01' };
let rowId = 0;
const profile = OPENAI_COMPATIBLE_PROFILES['openai-compatible']!;
const planContext = { health: new MemoryDeploymentHealth(), random: Math.random, inputTokens: 20 };
const parsed = parseChatRequest(JSON.parse(requestBody));
const result = parseOpenAIChatResponse('up', JSON.parse(upstreamAnswer), false, []);
const identity = { id: 'chatcmpl-x', created: 1700000000, model: 'bench-model' };
const priced = priceUsage(result.usage, price, () => ({ input: 0, output: 0 }));
const ledgerRow: LedgerRow = {
  id: '',
  time: Date.now(),
  keyId: 'key-1',
  team: 'team',
  requestedModel: 'bench-model',
  provider: 'up',
  providerType: 'openai-compatible',
  servedModel: 'bench-model',
  inputTokens: 42,
  outputTokens: 40,
  usageEstimated: false,
  cost: 0.0001,
  costEstimated: false,
  latencyMs: 1.5,
  status: 200,
  stream: false,
  partial: false,
  route: 'bench-model → up/bench-model',
};

const routerModel = loadRouterModel();
const routerRequest = longRouterRequest();
const routerThreshold = thresholdForStrongShare(routerModel, 0.3);

// one closed request, as the telemetry sees it when its account closes
const served = models.resolve('bench-model')![0]!;
const account = new RequestAccount(
  { counters: new MemoryCounterStore(async () => 0), ledger, now: Date.now, storedBodyBytes: 0, onLedgerError: () => undefined },
  'chatcmpl-x',
  undefined,
  Date.now() - 5,
);
Object.assign(account, { operation: 'chat', requestedModel: 'bench-model', served, usage: result.usage, ttftMs: 3, route: 'model=bench-model; served=up/bench-model' });
const closed = { account, status: 200, error: undefined, priced, endedAt: Date.now() };
const genai = new GenAiMetrics(new Registry(), new ModelLabels(['bench-model']), new Map([['up', 'openai-compatible']]));
// spans recorded but not exported: what tracing costs a request before the batch exporter
const tracer = new BasicTracerProvider().getTracer('micro');
const spanSettings = { captureContent: false, addressOf: () => ({ address: '127.0.0.1', port: 9 }) };
const attemptInfo = { retry: 0, failover: false, hedge: false, forced: false };

async function* body() {
  yield streamBytes;
}

// one content chunk as OpenAI streams it (a recorded one): the per-chunk work, translated and relayed,
// without the SSE parsing both share; the first relayed chunk of a stream (or one framed unlike the last) is
// scanned whole, the others are compared with the last one's frame
const contentEvent = {
  data: '{"id":"chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0","object":"chat.completion.chunk","created":1770933892,"model":"gpt-4.1-nano-2025-04-14","service_tier":"default","system_fingerprint":"fp_de604bd877","choices":[{"index":0,"delta":{"content":" quick"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Qup1BsQ3"}',
};
// the same answer with 4 KB of text, lines and quotes in it
const longAnswer = JSON.stringify({
  ...(JSON.parse(upstreamAnswer) as Record<string, unknown>),
  choices: [{ index: 0, message: { role: 'assistant', content: 'The "quick" brown fox\njumps over the lazy dog. '.repeat(80) }, finish_reason: 'stop', logprobs: null }],
});
const chunkDecoder = new OpenAIChatStreamDecoder('up', false, []);
const chunkEncoder = new ChatChunkEncoder(identity, true);
const chunkTap = new ChatRelayTap(new OpenAIChatStreamDecoder('up', false, []), identity, identity.model);
const chunkParts: StreamPart[] = [];
// two chunks framed differently (their system_fingerprint), taken in turn: each is scanned whole
const otherFrames = ['fp_a', 'fp_bb'].map((fp) => ({ data: contentEvent.data.replace('fp_de604bd877', fp) }));
let chunkTurn = 0;
let chunkOut = '';
const nativeRequest = { wire: 'openai-chat' as const, body: JSON.parse(requestBody) as Record<string, unknown>, headers: {} };
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

// the response cache in its own SQLite file, as the gateway opens it: before a miss's answer goes out, the
// key and a lookup that finds nothing; after it, the answer serialized and written (ResponseCache.keep
// defers that to the next turn of the event loop); a hit is the key, a lookup that finds one and its JSON read
const cacheStore = new SqliteResponseCache(join(scratch, 'cache.db'), 256 * 1024 * 1024);
const responseCache = new ResponseCache(
  { ttlMs: 3_600_000, scope: 'key', deterministicOnly: true, maxBytes: 256 * 1024 * 1024, maxEntryBytes: 1024 * 1024, hitsSpendBudget: false, path: join(scratch, 'cache.db') },
  cacheStore,
  { warn: () => undefined },
);
const cacheDecision = { use: true as const, namespace: 'key:bench', read: true, write: true, maxAgeMs: 3_600_000, ttlMs: 3_600_000 };
let cacheMisses = 0;
const keepNow = (key: string) => {
  const now = Date.now();
  return cacheStore.set(key, JSON.stringify(cachedChat(result, { storedAt: now, providerId: 'up', model: 'm' })), now, now + 3_600_000);
};
await keepNow(chatCacheKey('key:bench', parsed));

const bench = new Bench({ time: Number(process.env.MICRO_TIME_MS ?? 500), warmupTime: 100 });
bench
  .add('parse client request (JSON.parse + validate)', () => {
    parseChatRequest(JSON.parse(requestBody));
  })
  .add('plan route', () => {
    planChatRoute(parsed, models, planContext);
  })
  .add('build provider body (convert + JSON.stringify)', () => {
    JSON.stringify(convertToOpenAIChatRequest(parsed, 'bench-model', profile, false));
  })
  .add('build provider body relayed (relayChatBody + JSON.stringify)', () => {
    JSON.stringify(relayChatBody(nativeRequest, 'bench-model', profile, false));
  })
  .add('read provider answer (JSON.parse + convert)', () => {
    parseOpenAIChatResponse('up', JSON.parse(upstreamAnswer), false, []);
  })
  .add('encode client answer (convert + JSON.stringify)', () => {
    JSON.stringify(encodeChatCompletion(result, identity, priced));
  })
  .add('whole answer translated: JSON.parse + read + encode + JSON.stringify', () => {
    const read = parseOpenAIChatResponse('up', JSON.parse(upstreamAnswer), false, []);
    JSON.stringify(encodeChatCompletion(read, identity, priced));
  })
  .add('whole answer relayed: JSON.parse + read + cut + splice', () => {
    const json = JSON.parse(upstreamAnswer) as JsonObject;
    const read = parseOpenAIChatResponse('up', json, false, []);
    spliceChatCompletion(upstreamAnswer, cutPlainCompletion(upstreamAnswer, json, read)!, identity, read.usage, priced);
  })
  .add('whole answer of 4 KB translated: JSON.parse + read + encode + JSON.stringify', () => {
    const read = parseOpenAIChatResponse('up', JSON.parse(longAnswer), false, []);
    JSON.stringify(encodeChatCompletion(read, identity, priced));
  })
  .add('whole answer of 4 KB relayed: JSON.parse + read + cut + splice', () => {
    const json = JSON.parse(longAnswer) as JsonObject;
    const read = parseOpenAIChatResponse('up', json, false, []);
    spliceChatCompletion(longAnswer, cutPlainCompletion(longAnswer, json, read)!, identity, read.usage, priced);
  })
  .add('one content chunk translated: decode (JSON.parse) + encode', () => {
    chunkDecoder.push(contentEvent, chunkParts);
    for (const part of chunkParts) chunkOut = chunkEncoder.encode(part);
    chunkParts.length = 0;
  })
  .add('one content chunk relayed, its frame known: compare + forward (head replaced)', () => {
    chunkTap.push(contentEvent, chunkParts);
    chunkOut = (chunkParts[0] as { frame: string }).frame;
    chunkParts.length = 0;
  })
  .add('one content chunk relayed, framed unlike the last: scan + forward (head replaced)', () => {
    chunkTap.push(otherFrames[chunkTurn++ & 1]!, chunkParts);
    chunkOut = (chunkParts[0] as { frame: string }).frame;
    chunkParts.length = 0;
  })
  .add('stream: 23 provider events (one network read) → client frames', async () => {
    const encoder = new ChatChunkEncoder(identity, true);
    let out = '';
    const parts = decodeEventStream(body(), new OpenAIChatStreamDecoder('up', false, []), { providerId: 'up', maxEventBytes: 8 * 1024 * 1024 }) as AsyncIterable<StreamPart>;
    for await (const part of parts) out += encoder.encode(part);
    out += encoder.end(priced);
  })
  .add('stream relayed: the same 23 events → client frames (tap + forward)', async () => {
    const encoder = new ChatChunkEncoder(identity, true);
    let out = '';
    const tap = new ChatRelayTap(new OpenAIChatStreamDecoder('up', false, []), identity, identity.model);
    const parts = decodeEventStream(body(), tap, { providerId: 'up', maxEventBytes: 8 * 1024 * 1024 }) as AsyncIterable<StreamPart>;
    for await (const part of parts) out += encoder.encode(part);
    out += encoder.end(priced);
  })
  .add('router decision: features + model, ~2,000-token prompt', () => {
    decide(scoreRequest(routerModel, routerRequest), routerThreshold);
  })
  .add('price usage (cached input, output)', () => {
    priceUsage({ inputTokens: 339, cachedInputTokens: 320, outputTokens: 92 }, price, () => ({ input: 0, output: 0 }));
  })
  .add('resolve a model in the catalog', () => {
    catalog.resolve('together', 'deepseek-ai/DeepSeek-V3.1');
  })
  .add('GenAI metrics and cost of one request (recorded when its account closes)', () => {
    genai.record(closed);
  })
  .add('trace one request: its span and one attempt span, not exported', () => {
    const span = new RequestSpan(tracer, spanSettings, 'chat');
    span.request(parsed);
    span.attempt(served, attemptInfo)();
    span.answer(result);
    span.end(closed);
  })
  .add('response cache miss, before the answer goes out: key + lookup (SQLite file)', async () => {
    const key = chatCacheKey(`key:miss${cacheMisses++}`, parsed);
    if ((await responseCache.lookup(key, cacheDecision, Date.now())) !== undefined) throw new Error('a miss found an entry');
  })
  .add('response cache miss, after the answer went out: answer serialized and written (SQLite file)', async () => {
    await keepNow(`keep-${cacheMisses++}`);
  })
  .add('response cache hit: key + lookup (SQLite file)', async () => {
    if ((await responseCache.lookup(chatCacheKey('key:bench', parsed), cacheDecision, Date.now())) === undefined) throw new Error('a hit found nothing');
  })
  .add('ledger: 100 rows in one group commit (SQLite WAL file), per batch', async () => {
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 100; i++) writes.push(ledger.write({ ...ledgerRow, id: `r${rowId++}` }));
    await Promise.all(writes);
  })
  .add('ledger: 100 rows through the commit worker (SQLite WAL file), per batch until acknowledged', async () => {
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 100; i++) writes.push(workerLedger.write({ ...ledgerRow, id: `r${rowId++}` }));
    await Promise.all(writes);
  });

if (only) for (const task of [...bench.tasks]) if (!task.name.includes(only)) bench.remove(task.name);
await bench.run();
const nextRow = (): LedgerRow => ({ ...ledgerRow, id: `m${rowId++}`, time: Date.now() });
const ledgerLoad = { batches: Number(process.env.MICRO_LEDGER_BATCHES ?? 300), singles: Number(process.env.MICRO_LEDGER_SINGLES ?? 300) };
const ledgerRows = [
  await measureIdleDelay(1_000),
  ...(await measureLedgerMainThread('ledger, SQLite in-thread writer', inThread, nextRow, ledgerLoad)),
  ...(await measureLedgerMainThread('ledger, SQLite commit worker', workerLedger, nextRow, ledgerLoad)),
  ...(await measureLedgerMainThread('ledger, PostgreSQL path: local spool (fdatasync; drain not included)', spool, nextRow, ledgerLoad)),
];
await Promise.all([ledger.close(), inThread.close(), workerLedger.close(), spool.close(), responseCache.close()]);
db.close();
inThreadDb.close();
await Promise.all(checkpoints.map((c) => c.stop()));
if (chunkOut === '') throw new Error('the per-chunk tasks wrote nothing');
const rows = bench.tasks.map((t) => {
  const r = t.result as { latency?: { mean: number; p99: number }; mean?: number; p99?: number } | undefined;
  const mean = r?.latency?.mean ?? r?.mean ?? NaN;
  const p99 = r?.latency?.p99 ?? r?.p99 ?? NaN;
  return { task: t.name, mean_us: +(mean * 1000).toFixed(2), p99_us: +(p99 * 1000).toFixed(2) };
});
rows.push(...ledgerRows);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
else console.table(rows);
