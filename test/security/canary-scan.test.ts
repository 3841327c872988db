import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load-config.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';
import { FakeUpstream, type RecordedRequest, type Reply, type Responder } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { cleanEnv, exited, freePort, runCli, spawnCli, waitForHealth, type CliResult } from '../support/run-cli.js';
import { CanaryScanner, canaryToken, capturedLogging, describeResponse, dumpSqlite, rawSqliteFiles } from './canary-kit.js';

/**
 * The canary scan (security issue): a made-up value for every secret — each provider's key (one provider per
 * adapter family, and an openai-compatible provider whose secret is a configured `authorization` header),
 * the master, admin and metrics keys, and virtual keys from the admin API and the CLI — is pushed through
 * every path (answers, upstream errors that echo the key in many shapes, failover, hedging, shadow and judge
 * calls, stored bodies, the CLI), and everything the gateway and the CLI emit is scanned for it: every HTTP
 * answer and header, the logs, /metrics, every row of every ledger table (and the ledger's raw bytes), the
 * admin API, and CLI output. The scan finds a secret whole, any 12 characters of it, in any case, and
 * base64-encoded. What the test itself sends (client keys) and what the fake providers receive (their own
 * keys) is not scanned; instead, no client key may ever reach a provider, nor one provider's key another, and
 * a provider's key travels only in the header its API expects.
 */

// ── the canaries ────────────────────────────────────────────────────────────────────────────────────────
const KEY = {
  deepseek: `sk-${canaryToken('deepseek', 32)}`,
  openai: `sk-proj-${canaryToken('openai', 40)}`,
  anthropic: `sk-ant-${canaryToken('anthropic', 40)}`,
  gemini: `AIza${canaryToken('gemini', 35)}`,
  /** The openai-compatible provider's secret: sent as `authorization: Bearer <it>`. */
  header: canaryToken('custom-header', 40),
  master: `sy-master-${canaryToken('master', 32)}`,
  admin: `sy-admin-${canaryToken('admin', 32)}`,
  metrics: `sy-metrics-${canaryToken('metrics', 32)}`,
};
/** Secrets that only `check-config` sees, in fields that fail validation. */
const CONFIG_SECRET = {
  // 15 characters: one short of the 16 the schema asks for
  shortMaster: canaryToken('short-master', 15),
  shortAdmin: canaryToken('short-admin', 15),
  shortMetrics: canaryToken('short-metrics', 15),
  urlHost: canaryToken('url-host', 40),
  urlPath: canaryToken('url-path', 40),
  providerType: canaryToken('provider-type', 24),
};

type ProviderId = 'deepseek' | 'openai' | 'anthropic' | 'gemini' | 'custom';
type Family = 'openai' | 'anthropic' | 'gemini';
const PROVIDERS: ProviderId[] = ['deepseek', 'openai', 'anthropic', 'gemini', 'custom'];
const FAMILY: Record<ProviderId, Family> = { deepseek: 'openai', openai: 'openai', anthropic: 'anthropic', gemini: 'gemini', custom: 'openai' };
/** The configured model that reaches each provider, for chat and for embeddings. */
const CHAT_MODEL: Record<ProviderId, string> = { deepseek: 'ds', openai: 'oa', anthropic: 'claude', gemini: 'gem', custom: 'custom' };
const EMBEDDING_MODEL: Partial<Record<ProviderId, string>> = { openai: 'oa-emb', gemini: 'gem-emb', custom: 'custom-emb' };
/** Each provider's secret, which its upstream may echo back. */
const SECRET: Record<ProviderId, string> = {
  deepseek: KEY.deepseek,
  openai: KEY.openai,
  anthropic: KEY.anthropic,
  gemini: KEY.gemini,
  custom: KEY.header,
};
/** The header each provider's secret travels in, as its upstream receives it (and may quote it). */
const SENT_HEADER: Record<ProviderId, [string, string]> = {
  deepseek: ['authorization', `Bearer ${KEY.deepseek}`],
  openai: ['authorization', `Bearer ${KEY.openai}`],
  anthropic: ['x-api-key', KEY.anthropic],
  gemini: ['x-goog-api-key', KEY.gemini],
  custom: ['authorization', `Bearer ${KEY.header}`],
};
const PROVIDER_SECRET_NAME: Record<ProviderId, string> = {
  deepseek: 'provider key: deepseek',
  openai: 'provider key: openai',
  anthropic: 'provider key: anthropic',
  gemini: 'provider key: gemini',
  custom: 'provider header: custom authorization',
};

const scanner = new CanaryScanner();
for (const p of PROVIDERS) scanner.add(PROVIDER_SECRET_NAME[p], SECRET[p]);
scanner.add('master key', KEY.master);
scanner.add('admin key', KEY.admin);
scanner.add('metrics key', KEY.metrics);
for (const [name, value] of Object.entries(CONFIG_SECRET)) scanner.add(`config secret: ${name}`, value);
/** Register a virtual key as it is issued (a client-side secret, like the master key); its name in the scan. */
function addVirtualKey(label: string, key: string): string {
  const name = `virtual key: ${label}`;
  scanner.add(name, key);
  issued[label] = key;
  return name;
}
/** The virtual keys issued so far, by label. */
const issued: Record<string, string> = {};

// ── what the gateway emitted, scanned at the end once every virtual key is known ─────────────────────────
const emitted: Array<{ where: string; text: string; allow?: string[] }> = [];
const pendingReads: Array<Promise<unknown>> = [];

// ── the fake providers, one per provider, and every request each received ────────────────────────────────
const upstream = {} as Record<ProviderId, FakeUpstream>;
const received = new Map<ProviderId, RecordedRequest[]>(PROVIDERS.map((p) => [p, []]));

/** Set a provider's answer, first keeping what it received so far (FakeUpstream.reply forgets it). */
function serve(p: ProviderId, responder: Responder): void {
  received.get(p)!.push(...upstream[p].requests);
  upstream[p].reply(responder);
}

// ── replies in each adapter family's wire format ─────────────────────────────────────────────────────────
const ANSWER = 'All clear.';
const sse = (payload: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(payload)}\n\n`;
const isEmbedding = (req: RecordedRequest) => /\/embeddings$|:batchEmbedContents$/.test(req.url.split('?')[0]!);
const wantsStream = (req: RecordedRequest) => req.json?.stream === true || req.url.includes(':streamGenerateContent');

function anthropicFrames(text: string): string[] {
  return [
    sse({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } }, 'message_start'),
    sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, 'content_block_delta'),
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } }, 'message_delta'),
    sse({ type: 'message_stop' }, 'message_stop'),
  ];
}

const geminiChunk = (text: string, finish?: string) => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finish && { finishReason: finish }), index: 0 }],
  usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
  modelVersion: 'gemini-2.5-flash',
});

/** A successful answer (chat JSON or SSE, or embeddings) in the family's format. */
function success(family: Family, text = ANSWER): Responder {
  return (req) => {
    if (family === 'gemini') {
      if (isEmbedding(req)) return { json: { embeddings: (req.json?.requests ?? [0]).map(() => ({ values: [0.25, -0.5, 0.125] })) } };
      if (wantsStream(req)) return { sse: [sse(geminiChunk(text, 'STOP'))] };
      return { json: geminiChunk(text, 'STOP') };
    }
    if (family === 'anthropic') {
      if (wantsStream(req)) return { sse: anthropicFrames(text) };
      return {
        json: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [{ type: 'text', text }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 10, output_tokens: 5 },
        },
      };
    }
    if (isEmbedding(req)) {
      return { json: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.25, -0.5, 0.125] }], model: String(req.json?.model), usage: { prompt_tokens: 3, total_tokens: 3 } } };
    }
    return openAIReply(text)(req);
  };
}

/** An error body in the family's own shape. */
function errorBody(family: Family, status: number, message: string, extra: Record<string, unknown> = {}): unknown {
  if (family === 'anthropic') return { type: 'error', error: { type: status === 401 ? 'authentication_error' : 'invalid_request_error', message } };
  if (family === 'gemini') return { error: { code: status, message, status: status === 400 ? 'INVALID_ARGUMENT' : 'UNAVAILABLE', ...extra } };
  return { error: { message, type: 'invalid_request_error', param: null, code: null } };
}

/** A text of 1,200 characters, not JSON, with `echo` straddling character 500 (where messages are cut). */
function straddling(marker: string, echo: string): string {
  const start = 500 - Math.floor(echo.length / 2);
  const head = `${marker}: upstream proxy failure; request dump follows `;
  const text = `${head}${'.'.repeat(start - head.length)}${echo}${'.'.repeat(1200)}`.slice(0, 1200);
  if (!(text.indexOf(echo) < 500 && text.indexOf(echo) + echo.length > 500)) throw new Error('the echo does not straddle 500');
  return text;
}

/**
 * A dump of the request headers base64-encoded inside a longer blob (a trace id), the secret starting at a
 * byte offset ≡ `alignment` (mod 3), so that each of the three ways it can be encoded is tried.
 */
function base64Blob(marker: string, p: ProviderId, alignment: number): string {
  const [name, value] = SENT_HEADER[p];
  const dump = JSON.stringify({ method: 'POST', headers: { [name]: value, 'user-agent': 'switchyard' }, note: 'trace' });
  const at = Buffer.byteLength(dump.slice(0, dump.indexOf(SECRET[p])));
  const pad = (((alignment - at) % 3) + 3) % 3;
  const blob = Buffer.from(`${' '.repeat(pad)}${dump} and some more bytes after it`).toString('base64');
  if ((pad + at) % 3 !== alignment) throw new Error('wrong alignment');
  return `${marker}: request rejected, trace=${blob}`;
}

/** A reply with these fields set on its JSON body, or on each event of its stream (Anthropic's on the message). */
function withFields(reply: Reply, fields: Record<string, string>): Reply {
  const patch = (obj: any) => (obj?.type === 'message_start' ? { ...obj, message: { ...obj.message, ...fields } } : { ...obj, ...fields });
  if (reply.json !== undefined) return { ...reply, json: patch(reply.json) };
  const sse = reply.sse?.map((frame) =>
    frame.replace(/^data: (\{.*\})$/m, (_line, payload: string) => `data: ${JSON.stringify(patch(JSON.parse(payload)))}`),
  );
  return { ...reply, ...(sse && { sse }) };
}

/** The ways a provider echoes its key; each message starts with a marker, to prove the message itself got through. */
const ECHO_SHAPES = [
  'json-whole',
  'json-500',
  'text-straddle-500',
  'upper-case',
  'cut-20',
  'base64-blob-0',
  'base64-blob-1',
  'base64-blob-2',
  'upstream-401',
  'in-band-200',
  'sse-mid-stream',
  'sse-error-first',
  'header-echo',
  'meta-echo',
] as const;
type EchoShape = (typeof ECHO_SHAPES)[number];
/** Shapes whose provider message reaches the client (so its marker must be in the answer). */
const SHOWS_MESSAGE = new Set<EchoShape>(['json-whole', 'json-500', 'text-straddle-500', 'upper-case', 'cut-20', 'base64-blob-0', 'base64-blob-1', 'base64-blob-2', 'upstream-401']);
const marker = (shape: EchoShape) => `marker-${shape}`;

/** A provider answering in one of the echo shapes (the SSE shapes answer a request that is not streamed with a JSON 500 echo). */
function echoing(p: ProviderId, shape: EchoShape): Responder {
  const family = FAMILY[p];
  const echo = SECRET[p];
  const [headerName, headerValue] = SENT_HEADER[p];
  const m = marker(shape);
  const json = (status: number, message: string, extra?: Record<string, unknown>): Reply => ({ status, json: errorBody(family, status, message, extra) });
  return (req) => {
    switch (shape) {
      case 'json-whole':
        return json(400, `${m}: Incorrect API key provided: ${echo}. You can find your API key at https://keys.example.test.`);
      case 'json-500':
        return json(500, `${m}: internal error while checking ${echo}`);
      case 'text-straddle-500':
        // trickled in pieces, so the key may also straddle network reads
        return { status: 502, headers: { 'content-type': 'text/plain' }, body: straddling(m, echo), pieces: 5, frameDelayMs: 1 };
      case 'upper-case':
        return json(403, `${m}: key ${echo.toUpperCase()} may not use this model`);
      case 'cut-20':
        return json(400, `${m}: key ${echo.slice(0, 20)}… is disabled`);
      case 'base64-blob-0':
      case 'base64-blob-1':
      case 'base64-blob-2':
        return json(400, base64Blob(m, p, Number(shape.slice(-1))));
      case 'upstream-401':
        // Gemini refuses a bad key with 400 API_KEY_INVALID; the others with 401
        return family === 'gemini'
          ? json(400, `${m}: API key not valid. Please pass a valid API key. (${headerName}: ${headerValue})`, {
              details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
            })
          : json(401, `${m}: invalid credentials in '${headerName}: ${headerValue}'`);
      case 'in-band-200': {
        const message = `${m}: in-band failure for ${echo}`;
        if (family === 'anthropic') return { json: { type: 'error', error: { type: 'api_error', message } } };
        return { json: { error: { code: 500, message, status: 'INTERNAL' } } };
      }
      case 'sse-mid-stream':
      case 'sse-error-first': {
        if (!wantsStream(req)) return json(500, `${m}: ${echo}`);
        const message = `${m}: stream failed for ${echo}`;
        const first = shape === 'sse-mid-stream';
        let frames: string[];
        if (family === 'anthropic') {
          frames = [...anthropicFrames('Partial').slice(0, first ? 3 : 1), sse({ type: 'error', error: { type: 'overloaded_error', message } }, 'error')];
        } else if (family === 'gemini') {
          frames = [...(first ? [sse(geminiChunk('Starting'))] : []), sse({ error: { code: 503, message, status: 'UNAVAILABLE' } })];
        } else {
          const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: String(req.json?.model), choices: [{ index: 0, delta: { role: 'assistant', content: 'Once upon' }, finish_reason: null }] };
          frames = [...(first ? [sse(chunk)] : []), sse({ error: { code: 502, message } })];
        }
        // the error event arrives in two network writes, split inside the key
        const last = frames.pop()!;
        const cut = last.indexOf(echo) + Math.floor(echo.length / 2);
        return { sse: [...frames, last.slice(0, cut), last.slice(cut)], frameDelayMs: 2 };
      }
      case 'header-echo': {
        // a successful answer whose headers carry the credential: no provider header may reach the client
        const ok = success(family)(req);
        return { ...ok, headers: { ...ok.headers, 'x-upstream-debug': headerValue, 'set-cookie': `session=${Buffer.from(echo).toString('base64')}` } };
      }
      case 'meta-echo': {
        // a successful answer whose ids and model names carry the credential (a misbehaving proxy)
        const fields: Record<Family, Record<string, string>> = {
          openai: { id: echo, model: echo, system_fingerprint: echo },
          anthropic: { id: echo, model: echo },
          gemini: { responseId: echo, modelVersion: echo },
        };
        return withFields(success(family)(req), fields[family]);
      }
    }
  };
}

// ── the gateway under test ───────────────────────────────────────────────────────────────────────────────
const dir = mkdtempSync(join(tmpdir(), 'sy-canary-'));
const ledgerPath = join(dir, 'ledger.db');
const childLedgerPath = join(dir, 'child.db');
const logs = capturedLogging();
let gateway: RunningGateway;
let gatewayOpen = false;
const PRICE = { input: 1, output: 2 };

/** The environment every CLI run gets: every secret the config may reference, as an operator's shell holds them. */
const cliEnv = cleanEnv({
  DEEPSEEK_API_KEY: KEY.deepseek,
  OPENAI_API_KEY: KEY.openai,
  ANTHROPIC_API_KEY: KEY.anthropic,
  GEMINI_API_KEY: KEY.gemini,
  CUSTOM_TOKEN: KEY.header,
  SWITCHYARD_MASTER_KEY: KEY.master,
  SWITCHYARD_ADMIN_KEY: KEY.admin,
  SWITCHYARD_METRICS_KEY: KEY.metrics,
  SY_SHORT_MASTER: CONFIG_SECRET.shortMaster,
  SY_SHORT_ADMIN: CONFIG_SECRET.shortAdmin,
  SY_SHORT_METRICS: CONFIG_SECRET.shortMetrics,
  SY_BAD_BASE_URL: `ftp://${CONFIG_SECRET.urlHost}.relay.example/v1`,
  SY_PATH_TOKEN: CONFIG_SECRET.urlPath,
  SY_PROVIDER_TYPE: CONFIG_SECRET.providerType,
});

/** The config file the CLI reads: the same ledger, every secret by ${ENV} reference. */
const cliConfig = join(dir, 'switchyard.yaml');

beforeAll(async () => {
  for (const p of PROVIDERS) {
    upstream[p] = await FakeUpstream.start();
    upstream[p].reply(success(FAMILY[p]));
  }
  const config = buildConfig(
    {
      listen: '127.0.0.1:0',
      storage: `sqlite:${ledgerPath}`,
      baseline: 'openai/gpt-5',
      auth: { master_key: KEY.master, admin_key: KEY.admin, metrics_key: KEY.metrics },
      // breakers that never open: every request reaches the provider whose answer the test set
      health: { failure_threshold: 1000, error_rate_threshold: 1, window_size: 1000, min_requests: 1000 },
      providers: {
        deepseek: { type: 'deepseek', api_key: KEY.deepseek, base_url: `${upstream.deepseek.url}/v1`, retries: 0, prices: { 'deepseek-chat': PRICE } },
        openai: { type: 'openai', api_key: KEY.openai, base_url: `${upstream.openai.url}/v1`, retries: 0, prices: { 'gpt-4o-mini': PRICE, 'text-embedding-3-small': PRICE } },
        anthropic: { type: 'anthropic', api_key: KEY.anthropic, base_url: `${upstream.anthropic.url}/v1`, retries: 0, prices: { 'claude-sonnet-4-5': PRICE } },
        gemini: { type: 'gemini', api_key: KEY.gemini, base_url: `${upstream.gemini.url}/v1beta`, retries: 0, prices: { 'gemini-2.5-flash': PRICE, 'gemini-embedding-001': PRICE } },
        custom: {
          type: 'openai-compatible',
          base_url: `${upstream.custom.url}/v1`,
          headers: { authorization: `Bearer ${KEY.header}` },
          retries: 0,
          prices: { m: PRICE, judge: PRICE, emb: PRICE },
        },
      },
      models: {
        ds: { deployments: ['deepseek/deepseek-chat'] },
        oa: { deployments: ['openai/gpt-4o-mini'] },
        claude: { deployments: ['anthropic/claude-sonnet-4-5'] },
        gem: { deployments: ['gemini/gemini-2.5-flash'] },
        custom: { deployments: ['custom/m'] },
        'oa-emb': { deployments: ['openai/text-embedding-3-small'] },
        'gem-emb': { deployments: ['gemini/gemini-embedding-001'] },
        'custom-emb': { deployments: ['custom/emb'] },
        judge: { deployments: ['custom/judge'] },
      },
      routes: {
        failover: { strategy: 'fallback', targets: ['ds', 'oa'] },
        hedged: { strategy: 'fallback', targets: ['ds', 'claude'], hedge_after_ms: 40 },
        smart: {
          strategy: 'cost-quality',
          weak: ['ds'],
          strong: ['claude'],
          // score 0: always the weak tier, so every shadow call goes to the strong one
          threshold: { score: 0 },
          shadow: { sample: 1, budget_usd: 5, judge: 'judge', store_answers: true },
        },
      },
    },
    'canary-scan',
    {},
  );
  gateway = await startGateway(config, { logging: logs.logging });
  gatewayOpen = true;
  writeFileSync(
    cliConfig,
    [
      `storage: "sqlite:${ledgerPath}"`,
      'baseline: openai/gpt-5',
      'auth:',
      '  master_key: "${SWITCHYARD_MASTER_KEY}"',
      '  admin_key: "${SWITCHYARD_ADMIN_KEY}"',
      '  metrics_key: "${SWITCHYARD_METRICS_KEY}"',
      'providers:',
      `  deepseek: { type: deepseek, api_key: "\${DEEPSEEK_API_KEY}", base_url: "${upstream.deepseek.url}/v1" }`,
      `  anthropic: { type: anthropic, api_key: "\${ANTHROPIC_API_KEY}", base_url: "${upstream.anthropic.url}/v1" }`,
      `  gemini: { type: gemini, api_key: "\${GEMINI_API_KEY}", base_url: "${upstream.gemini.url}/v1beta" }`,
      `  custom: { type: openai-compatible, base_url: "${upstream.custom.url}/v1", headers: { authorization: "Bearer \${CUSTOM_TOKEN}" } }`,
      'models:',
      '  ds: { deployments: [deepseek/deepseek-chat] }',
      '  claude: { deployments: [anthropic/claude-sonnet-4-5] }',
      '  gem: { deployments: [gemini/gemini-2.5-flash] }',
      '  custom: { deployments: [custom/m] }',
      '',
    ].join('\n'),
  );
});

/** Shut the gateway down (once): its logs are flushed and its ledger complete. */
async function closeGateway(): Promise<void> {
  if (!gatewayOpen) return;
  gatewayOpen = false;
  await gateway.close(1000);
}

afterAll(async () => {
  await closeGateway();
  for (const p of PROVIDERS) await upstream[p]?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ── talking to the gateway, keeping every answer ─────────────────────────────────────────────────────────
interface Answer {
  status: number;
  headers: Headers;
  body: string;
  json: any;
}

/** A request to the gateway (or another URL the test runs), its whole answer kept for the scan. */
async function call(where: string, url: string, init: RequestInit & { allow?: string[] } = {}): Promise<Answer> {
  const { allow, ...rest } = init;
  const res = await fetch(url, rest);
  const body = await res.text();
  emitted.push({ where: `${where}: ${rest.method ?? 'GET'} ${new URL(url).pathname}`, text: describeResponse(res, body), ...(allow && { allow }) });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, body, json };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const jsonHeaders = (key: string) => ({ 'content-type': 'application/json', ...bearer(key) });
const hello = [{ role: 'user', content: 'Say something harmless.' }];

/** A chat request, the key sent as a bearer token or (as Anthropic clients do) as `x-api-key`. */
function chat(where: string, model: string, key: string, options: { stream?: boolean; keyHeader?: 'x-api-key' } = {}): Promise<Answer> {
  const body = { model, messages: hello, ...(options.stream && { stream: true, stream_options: { include_usage: true } }) };
  const headers = options.keyHeader ? { 'content-type': 'application/json', 'x-api-key': key } : jsonHeaders(key);
  return call(where, `${gateway.url}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body) });
}

function embed(where: string, model: string, key: string): Promise<Answer> {
  return call(where, `${gateway.url}/v1/embeddings`, { method: 'POST', headers: jsonHeaders(key), body: JSON.stringify({ model, input: ['a harmless sentence'] }) });
}

/** The official SDK, each answer it reads also kept for the scan. */
function sdk(key: string, where: string): OpenAI {
  return new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: key,
    maxRetries: 0,
    timeout: 15_000,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const copy = res.clone();
      const path = new URL(typeof input === 'string' || input instanceof URL ? input : input.url).pathname;
      pendingReads.push(copy.text().then((body) => emitted.push({ where: `${where} (openai SDK): ${path}`, text: describeResponse(copy, body) })));
      return res;
    },
  });
}

/**
 * Create a virtual key through a gateway's admin API. The answer carries the key, once: that output may hold
 * it, and is scanned for every other secret.
 */
async function createKey(label: string, base: string, body: Record<string, unknown>): Promise<{ key: string; id: string }> {
  const a = await call(`create virtual key '${label}'`, `${base}/admin/keys`, { method: 'POST', headers: jsonHeaders(KEY.admin), body: JSON.stringify(body) });
  expect(a.status, a.body).toBe(200);
  emitted[emitted.length - 1]!.allow = [addVirtualKey(label, a.json.key)];
  return a.json;
}

/** Wait for the shadow and judge calls running after the response. */
async function shadowsSettled(): Promise<void> {
  for (let i = 0; i < 200 && gateway.app.shadow.inflight > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(gateway.app.shadow.inflight).toBe(0);
}

/** An answer that failed (an error status, or a stream that ended with an error event). */
function expectFailure(a: Answer, label: string): void {
  expect(a.status >= 400 || /"error"\s*:/.test(a.body), `${label}: ${a.status} ${a.body.slice(0, 300)}`).toBe(true);
}

// ── the tests ────────────────────────────────────────────────────────────────────────────────────────────
describe('the canary detector', () => {
  it('finds a secret whole, cut short, re-cased and base64-encoded at every alignment, and nothing else', () => {
    const s = new CanaryScanner();
    const secret = `sk-${canaryToken('self-test', 36)}`;
    s.add('k', secret);
    const found = (text: string) => s.scan('self-test', text).map((l) => l.form);
    expect(found(`key=${secret};`)).toEqual(['whole']);
    expect(found(`KEY=${secret.toUpperCase()}`)).toEqual(['whole']);
    expect(found(`cut: ${secret.slice(0, 20)}…`)).toEqual(['window of 20']);
    expect(found(`…${secret.slice(10, 22)}…`)).toEqual(['window of 12']);
    for (let pad = 0; pad < 3; pad++) {
      const blob = Buffer.from(`${'x'.repeat(pad + 5)}Bearer ${secret} trailing`).toString('base64');
      expect(found(`trace=${blob}`)).toEqual(['base64']);
      expect(found(`trace=${blob.replace(/\+/g, '-').replace(/\//g, '_')}`)).toEqual(['base64']);
    }
    // eleven characters in a row, a virtual key's 10-character prefix, or unrelated text are not leaks
    expect(found(`${secret.slice(0, 11)}… [redacted] ${secret.slice(20, 31)}`)).toEqual([]);
    expect(s.scan('allowed', `key=${secret}`, { allow: ['k'] })).toEqual([]);
  });

  it('catches every echo shape as the providers send it, so a copy the gateway let through could not go unseen', () => {
    for (const p of PROVIDERS) {
      const s = new CanaryScanner();
      s.add(PROVIDER_SECRET_NAME[p], SECRET[p]);
      for (const shape of ECHO_SHAPES) {
        for (const stream of [false, true]) {
          const url = FAMILY[p] === 'gemini' ? `/v1beta/models/m:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}` : '/v1/chat/completions';
          const r = echoing(p, shape)({ method: 'POST', url, headers: {}, body: '', json: { model: 'm', ...(stream && { stream: true }) } });
          const sent = `${JSON.stringify(r.headers ?? {})}\n${r.json !== undefined ? JSON.stringify(r.json) : (r.body ?? '')}${(r.sse ?? []).join('')}`;
          expect([...new Set(s.scan(`${p} ${shape}`, sent).map((l) => l.secret))], `${p} ${shape}`).toEqual([PROVIDER_SECRET_NAME[p]]);
        }
      }
    }
  });
});

describe('paths every secret is pushed through', () => {
  it('successful chat (JSON and SSE) and embeddings on every adapter family, through the official SDK', async () => {
    for (const p of PROVIDERS) {
      serve(p, success(FAMILY[p]));
      const client = sdk(KEY.master, `success ${p}`);
      const r = await client.chat.completions.create({ model: CHAT_MODEL[p], messages: [{ role: 'user', content: 'Say something harmless.' }] });
      expect(r.choices[0]!.message.content).toBe(ANSWER);
      const stream = await client.chat.completions.create({ model: CHAT_MODEL[p], messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      expect(text).toBe(ANSWER);
      const emb = EMBEDDING_MODEL[p];
      if (emb) expect((await client.embeddings.create({ model: emb, input: ['a harmless sentence'] })).data).toHaveLength(1);
    }
    // the Anthropic clients' way of sending the key
    const viaHeader = await chat('master key as x-api-key', 'claude', KEY.master, { keyHeader: 'x-api-key' });
    expect(viaHeader.status).toBe(200);
  });

  it('upstream errors that echo the credential, in every shape, from every provider, JSON and streaming', async () => {
    for (const p of PROVIDERS) {
      for (const shape of ECHO_SHAPES) {
        serve(p, echoing(p, shape));
        for (const stream of [false, true]) {
          if (!stream && (shape === 'sse-mid-stream' || shape === 'sse-error-first')) continue;
          const label = `${p} ${shape}${stream ? ' stream' : ''}`;
          const a = await chat(label, CHAT_MODEL[p], KEY.master, { stream });
          if (shape === 'header-echo' || shape === 'meta-echo') expect(a.status, label).toBe(200);
          else expectFailure(a, label);
          // the provider's own message reaches the client: only the redaction stands between it and the key
          if (SHOWS_MESSAGE.has(shape) || (stream && shape.startsWith('sse-'))) expect(a.body, label).toContain(marker(shape));
        }
        expect(upstream[p].requests.length, `${p} ${shape}`).toBeGreaterThan(0);
      }
    }
  });

  it('embedding errors that echo the credential', async () => {
    for (const p of ['openai', 'gemini', 'custom'] as const) {
      for (const shape of ['json-whole', 'text-straddle-500', 'upper-case', 'cut-20', 'base64-blob-1', 'upstream-401', 'in-band-200', 'header-echo'] as const) {
        serve(p, echoing(p, shape));
        const label = `embeddings ${p} ${shape}`;
        const a = await embed(label, EMBEDDING_MODEL[p]!, KEY.master);
        if (shape === 'header-echo') expect(a.status, label).toBe(200);
        else expectFailure(a, label);
        if (SHOWS_MESSAGE.has(shape)) expect(a.body, label).toContain(marker(shape));
      }
    }
  });

  it('failover away from a deployment that echoed its key, and a failure of both (attempts listed)', async () => {
    serve('openai', success('openai'));
    for (const shape of ['json-500', 'text-straddle-500', 'upstream-401'] as const) {
      serve('deepseek', echoing('deepseek', shape));
      const a = await chat(`failover ${shape}`, 'failover', KEY.master);
      expect(a.status).toBe(200);
      expect(a.headers.get('x-switchyard-route')).toContain('tried=deepseek/deepseek-chat:');
    }
    serve('deepseek', echoing('deepseek', 'sse-error-first'));
    const streamed = await chat('failover stream', 'failover', KEY.master, { stream: true });
    expect(streamed.body).toContain(ANSWER);
    // both fail: the error lists every attempt, each with its provider's message
    serve('deepseek', echoing('deepseek', 'json-500'));
    serve('openai', echoing('openai', 'upstream-401'));
    const both = await chat('failover both fail', 'failover', KEY.master);
    expect(both.status).toBe(502);
    expect(both.body).toContain(marker('json-500'));
    expect(both.body).toContain(marker('upstream-401'));
  });

  it('hedging: the slow first deployment echoes its key, or is cancelled', async () => {
    // earlier cases had deepseek refuse the gateway's key, which has it tried after the others for a
    // while: one success (asked for directly) puts it back first
    serve('deepseek', success('openai'));
    expect((await chat('deepseek well again', 'deepseek/deepseek-chat', KEY.master)).status).toBe(200);
    // the first fails (echoing) after the hedge started; the second serves
    const slowEcho = echoing('deepseek', 'json-500');
    serve('deepseek', (req) => ({ ...slowEcho(req), delayMs: 100 }));
    const fast = success('anthropic');
    serve('anthropic', (req) => ({ ...fast(req), delayMs: 150 }));
    const a = await chat('hedged, first echoes', 'hedged', KEY.master);
    expect(a.status).toBe(200);
    expect(a.headers.get('x-switchyard-route')).toContain('tried=deepseek/deepseek-chat:');
    const s = await chat('hedged stream, first echoes', 'hedged', KEY.master, { stream: true });
    expect(s.body).toContain(ANSWER);
    // the first is too slow: the second answers and the first is cancelled (a row of its own)
    const slowOk = success('openai');
    serve('deepseek', (req) => ({ ...slowOk(req), delayMs: 400 }));
    serve('anthropic', (req) => ({ ...echoing('anthropic', 'header-echo')(req), delayMs: 0 }));
    const c = await chat('hedged, first cancelled', 'hedged', KEY.master);
    expect(c.status).toBe(200);
    expect(c.headers.get('x-switchyard-route')).toContain('hedged=deepseek/deepseek-chat:cancelled');
  });

  it('shadow and judge calls of a cost-quality route, failing with echoed keys and succeeding', async () => {
    serve('deepseek', success('openai'));
    // the shadow call to the strong tier is refused with the key echoed
    serve('anthropic', echoing('anthropic', 'upstream-401'));
    expect((await chat('cost-quality, shadow echoes', 'smart', KEY.master)).status).toBe(200);
    await shadowsSettled();
    expect(upstream.anthropic.requests.length).toBeGreaterThan(0);
    // the shadow call works; the judge echoes its header secret
    serve('anthropic', success('anthropic', 'A stronger answer.'));
    serve('custom', echoing('custom', 'json-500'));
    expect((await chat('cost-quality stream, judge echoes', 'smart', KEY.master, { stream: true })).status).toBe(200);
    await shadowsSettled();
    expect(upstream.custom.requests.length).toBeGreaterThan(0);
    // everything works: a judged sample, answers stored
    serve('custom', success('openai', 'A'));
    expect((await chat('cost-quality, judged', 'smart', KEY.master)).status).toBe(200);
    await shadowsSettled();
  });

  it('virtual keys from the admin API and `switchyard keys create`, storing bodies, through every kind of answer', async () => {
    const created = await createKey('api', gateway.url, { team: 'api', name: 'canary', store_bodies: true });
    const cli = await runCli(['keys', 'create', '--team', 'cli', '--name', 'canary', '--store-bodies', '-c', cliConfig], cliEnv);
    const cliKey = cli.stdout.trim();
    // its stdout is the key, once; everything else it prints is scanned for every secret
    keepCli('keys create', cli, [addVirtualKey('cli', cliKey)]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cliKey).toMatch(/^sy-[0-9A-Za-z]{32}$/);

    for (const [label, key] of [['api', created.key], ['cli', cliKey]] as const) {
      serve('deepseek', success('openai'));
      expect((await chat(`virtual key ${label}`, 'ds', key)).status).toBe(200);
      expect((await chat(`virtual key ${label} stream`, 'ds', key, { stream: true })).body).toContain('[DONE]');
      serve('deepseek', echoing('deepseek', 'json-whole'));
      expectFailure(await chat(`virtual key ${label} echo`, 'ds', key), label);
      serve('deepseek', echoing('deepseek', 'sse-mid-stream'));
      expectFailure(await chat(`virtual key ${label} stream echo`, 'ds', key, { stream: true }), label);
      serve('openai', success('openai'));
      expect((await embed(`virtual key ${label} embeddings`, 'oa-emb', key)).status).toBe(200);
      serve('custom', echoing('custom', 'base64-blob-2'));
      expectFailure(await chat(`virtual key ${label} header echo`, 'custom', key), label);
    }

    // a key revoked: its revocation answer and its refusal
    const gone = await createKey('revoked', gateway.url, { team: 'gone' });
    expect((await call('revoke a key', `${gateway.url}/admin/keys/${gone.id}`, { method: 'DELETE', headers: bearer(KEY.admin) })).status).toBe(200);
    expect((await chat('revoked key', 'ds', gone.key)).status).toBe(401);
  });

  it('refused and near-miss keys are never echoed back', async () => {
    const nearMiss = (key: string) => `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
    expect((await chat('near-miss master key', 'ds', nearMiss(KEY.master))).status).toBe(401);
    expect((await chat('near-miss virtual key', 'ds', nearMiss(issued.api!))).status).toBe(401);
    expect((await chat('admin key as a client key', 'ds', KEY.admin)).status).toBe(401);
    expect((await chat('metrics key as a client key', 'ds', KEY.metrics)).status).toBe(401);
    expect((await chat('a provider key as a client key', 'ds', KEY.deepseek)).status).toBe(401);
    expect((await call('master key on the admin API', `${gateway.url}/admin/keys`, { headers: bearer(KEY.master) })).status).toBe(401);
    expect((await call('near-miss admin key', `${gateway.url}/admin/keys`, { headers: bearer(nearMiss(KEY.admin)) })).status).toBe(401);
    expect((await call('near-miss metrics key', `${gateway.url}/metrics`, { headers: bearer(nearMiss(KEY.metrics)) })).status).toBe(401);
    expect((await call('master key on /metrics', `${gateway.url}/metrics`, { headers: bearer(KEY.master) })).status).toBe(401);
    expect((await call('no key on /metrics', `${gateway.url}/metrics`)).status).toBe(401);
  });

  it('the admin API, /v1/models, /health and /metrics', async () => {
    const admin = (path: string, init: RequestInit = {}) =>
      call('admin API', `${gateway.url}${path}`, { ...init, headers: { ...jsonHeaders(KEY.admin), ...init.headers } });
    const keys = await admin('/admin/keys');
    expect(keys.status).toBe(200);
    expect(keys.json.data.length).toBeGreaterThanOrEqual(3);
    for (const report of ['spend', 'spend?by=key', 'spend?by=team', 'spend?by=model', 'spend?by=provider', 'savings', 'origins', 'providers']) {
      expect((await admin(`/admin/reports/${report}`)).status, report).toBe(200);
    }
    expect((await admin('/admin/kills', { method: 'POST', body: JSON.stringify({ target: 'model:unused', reason: 'canary drill', force: true }) })).status).toBe(200);
    expect((await admin('/admin/kills')).status).toBe(200);
    expect((await admin('/admin/kills/model:unused', { method: 'DELETE' })).status).toBe(200);
    expect((await admin('/admin/audit')).status).toBe(200);
    expect((await admin('/admin/concentration')).status).toBe(200);
    // the dashboard's endpoints, the request log's bodies included
    for (const path of ['/admin/info', '/admin/latency?since=1d', '/admin/latency?since=1d&by=model', '/admin/router']) {
      expect((await admin(path)).status, path).toBe(200);
    }
    for (const metric of ['spend', 'spend&by=key', 'spend&by=team', 'spend&by=route', 'savings', 'tokens_by_origin', 'requests']) {
      expect((await admin(`/admin/timeseries?metric=${metric}&since=1d&bucket=hour`)).status, metric).toBe(200);
    }
    const log = await admin('/admin/requests?limit=500');
    expect(log.status).toBe(200);
    for (const row of (log.json as { data: Array<{ id: string }> }).data) {
      expect((await admin(`/admin/requests/${encodeURIComponent(row.id)}`)).status).toBe(200);
    }
    expect((await admin('/admin/drill', { method: 'POST', body: JSON.stringify({ target: 'provider:deepseek', since: '1d' }) })).status).toBe(200);
    // the dashboard's sign-in: the session cookie and CSRF token are derived from the admin key, never carry it
    const signIn = await call('dashboard sign-in', `${gateway.url}/ui/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ admin_key: KEY.admin }) });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await call('dashboard session', `${gateway.url}/ui/session`, { headers: { cookie } })).status).toBe(200);
    expect((await call('admin API by session', `${gateway.url}/admin/keys`, { headers: { cookie } })).status).toBe(200);
    expect((await call('dashboard wrong key', `${gateway.url}/ui/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ admin_key: `${KEY.admin.slice(0, -1)}${KEY.admin.endsWith('x') ? 'y' : 'x'}` }) })).status).toBe(401);
    expect((await call('models', `${gateway.url}/v1/models`, { headers: bearer(KEY.master) })).status).toBe(200);
    expect((await call('health', `${gateway.url}/health`)).status).toBe(200);
    const metrics = await call('metrics (metrics key)', `${gateway.url}/metrics`, { headers: bearer(KEY.metrics) });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('deepseek');
    expect((await call('metrics (admin key)', `${gateway.url}/metrics`, { headers: bearer(KEY.admin) })).status).toBe(200);
  });
});

describe('the CLI', () => {
  it('`switchyard start` as a child process: its stdout and stderr, answers and ledger', async () => {
    const port = await freePort();
    const config = join(dir, 'child.yaml');
    writeFileSync(
      config,
      [
        `listen: "127.0.0.1:${port}"`,
        `storage: "sqlite:${childLedgerPath}"`,
        'log_level: debug',
        'auth:',
        '  master_key: "${SWITCHYARD_MASTER_KEY}"',
        '  admin_key: "${SWITCHYARD_ADMIN_KEY}"',
        '  metrics_key: "${SWITCHYARD_METRICS_KEY}"',
        'health: { failure_threshold: 1000, error_rate_threshold: 1, window_size: 1000, min_requests: 1000 }',
        'providers:',
        `  deepseek: { type: deepseek, api_key: "\${DEEPSEEK_API_KEY}", base_url: "${upstream.deepseek.url}/v1", retries: 0 }`,
        `  custom: { type: openai-compatible, base_url: "${upstream.custom.url}/v1", headers: { authorization: "Bearer \${CUSTOM_TOKEN}" }, retries: 0 }`,
        'models:',
        '  ds: { deployments: [deepseek/deepseek-chat] }',
        '  custom: { deployments: [custom/m] }',
        '',
      ].join('\n'),
    );
    const child = spawnCli(['start', '-c', config], cliEnv);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(`${url}/health`);
      const ask = (where: string, model: string, key: string, stream = false) =>
        call(`child: ${where}`, `${url}/v1/chat/completions`, {
          method: 'POST',
          headers: jsonHeaders(key),
          body: JSON.stringify({ model, messages: hello, ...(stream && { stream: true }) }),
        });
      serve('deepseek', success('openai'));
      expect((await ask('chat', 'ds', KEY.master)).status).toBe(200);
      serve('deepseek', echoing('deepseek', 'json-whole'));
      expect((await ask('echo', 'ds', KEY.master)).body).toContain(marker('json-whole'));
      serve('custom', echoing('custom', 'sse-mid-stream'));
      expectFailure(await ask('stream echo', 'custom', KEY.master, true), 'child stream echo');
      serve('custom', echoing('custom', 'text-straddle-500'));
      expectFailure(await ask('text echo', 'custom', KEY.master), 'child text echo');
      const created = await createKey('child', url, { team: 'child', store_bodies: true });
      serve('deepseek', echoing('deepseek', 'upstream-401'));
      expectFailure(await ask('virtual key, 401 echo', 'ds', created.key), 'child 401 echo');
      expect((await call('child: list keys', `${url}/admin/keys`, { headers: bearer(KEY.admin) })).status).toBe(200);
      expect((await call('child: metrics', `${url}/metrics`, { headers: bearer(KEY.metrics) })).status).toBe(200);
      expect((await ask('near-miss master key', 'ds', `${KEY.master.slice(0, -1)}~`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      const code = await exited(child);
      emitted.push({ where: 'switchyard start: stdout and stderr', text: child.output() });
      expect(code).toBe(0);
    }
    expect(child.output()).toContain('Switchyard listening on');
    expect(child.output()).toMatch(/"msg":"request"/);
  });

  it('check-config and start on configs whose ${ENV} secrets sit in fields that fail validation', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'listen: 127.0.0.1:4000',
        'auth:',
        '  master_key: "${SY_SHORT_MASTER}"',
        '  admin_key: "${SY_SHORT_ADMIN}"',
        '  metrics_key: "${SY_SHORT_METRICS}"',
        'providers:',
        '  relay: { type: openai-compatible, base_url: "${SY_BAD_BASE_URL}", headers: { authorization: "Bearer ${CUSTOM_TOKEN}" } }',
        '  deepseek: { type: deepseek, api_key: "${DEEPSEEK_API_KEY}", base_url: "ftp://relay.example/${SY_PATH_TOKEN}/v1" }',
        '  odd: { type: "${SY_PROVIDER_TYPE}", api_key: "${ANTHROPIC_API_KEY}" }',
        '  google: { type: gemini, api_key: "${GEMINI_API_KEY}", retries: "${OPENAI_API_KEY}" }',
        'models:',
        '  m: { deployments: [relay/m, deepseek/deepseek-chat, odd/x, google/gemini-2.5-flash] }',
        '',
      ].join('\n'),
    );
    const checked = await runCli(['check-config', bad], cliEnv);
    const started = await runCli(['start', '-c', bad], cliEnv);
    const good = await runCli(['check-config', cliConfig], cliEnv);
    const explained = await runCli(['route', 'explain', '-c', cliConfig, '-m', 'custom'], cliEnv);
    keepCli('check-config (invalid)', checked);
    keepCli('start (invalid config)', started);
    keepCli('check-config (valid)', good);
    keepCli('route explain', explained);
    expect(checked.code).toBe(1);
    // every problem is reported, at its path, with the variable's name in place of its value
    for (const path of ['auth.master_key', 'auth.admin_key', 'auth.metrics_key', 'providers.relay.base_url', 'providers.deepseek.base_url', 'providers.odd.type', 'providers.google.retries']) {
      expect(checked.stderr, path).toContain(path);
    }
    expect(checked.stderr).toContain('${SY_BAD_BASE_URL}');
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('providers.relay.base_url');
    expect(good.code, good.stderr).toBe(0);
    expect(explained.code, explained.stderr).toBe(0);
  });

  it('keys list, every report, drill, policy explain and the kill-switch audit, once the gateway has shut down', async () => {
    await closeGateway();
    const runs: Array<[string, string[]]> = [
      ['keys list', ['keys', 'list', '-c', cliConfig]],
      ['keys list --format json', ['keys', 'list', '-c', cliConfig, '--format', 'json']],
      ...['spend', 'savings', 'origins', 'providers'].map((r): [string, string[]] => [`report ${r}`, ['report', r, '-c', cliConfig]]),
      ['report spend --by key (json)', ['report', 'spend', '-c', cliConfig, '--by', 'key', '--format', 'json']],
      ['report providers (csv)', ['report', 'providers', '-c', cliConfig, '--format', 'csv']],
      ['drill', ['drill', '--without', 'provider:deepseek', '-c', cliConfig]],
      ['policy explain', ['policy', 'explain', '-m', 'ds', '-c', cliConfig]],
      ['kills --audit', ['kills', '--audit', '-c', cliConfig]],
    ];
    const results = await Promise.all(runs.map(([, args]) => runCli(args, cliEnv)));
    results.forEach((r, i) => keepCli(runs[i]![0], r));
    results.forEach((r, i) => expect(r.code, `${runs[i]![0]}: ${r.stderr}`).toBe(0));
    expect(results[0]!.stdout).toContain('cli');
  });
});

/** Keep a CLI run's output for the scan; `allowOnStdout` names the secrets its stdout may print (a new key). */
function keepCli(what: string, r: CliResult, allowOnStdout?: string[]): void {
  emitted.push(
    { where: `switchyard ${what}: stdout`, text: r.stdout, ...(allowOnStdout && { allow: allowOnStdout }) },
    { where: `switchyard ${what}: stderr`, text: r.stderr },
  );
}

describe('the scan', () => {
  it('no client key ever reaches a provider, no provider sees another’s key, and a key travels only in headers', () => {
    for (const p of PROVIDERS) serve(p, success(FAMILY[p]));
    const forwarded = new CanaryScanner();
    for (const name of scanner.names()) forwarded.add(name, scanner.value(name));
    let total = 0;
    for (const p of PROVIDERS) {
      const requests = received.get(p)!;
      total += requests.length;
      for (const [i, r] of requests.entries()) {
        // its own credential in the headers, where its API expects it; never in the URL (logged by proxies) or the body
        forwarded.scan(`headers of request ${i} received by the ${p} provider`, JSON.stringify(r.headers), { allow: [PROVIDER_SECRET_NAME[p]] });
        forwarded.scan(`URL and body of request ${i} received by the ${p} provider`, `${r.method} ${r.url}\n\n${r.body}`);
      }
    }
    expect(total).toBeGreaterThan(150);
    // the providers did get their own credentials, where their APIs expect them
    expect(received.get('deepseek')!.some((r) => r.headers.authorization === `Bearer ${KEY.deepseek}`)).toBe(true);
    expect(received.get('anthropic')!.some((r) => r.headers['x-api-key'] === KEY.anthropic)).toBe(true);
    expect(received.get('gemini')!.some((r) => r.headers['x-goog-api-key'] === KEY.gemini)).toBe(true);
    expect(received.get('custom')!.some((r) => r.headers.authorization === `Bearer ${KEY.header}`)).toBe(true);
    expect(forwarded.report()).toBe('');
  });

  it('finds no secret in any answer, header, log line, metrics scrape, ledger row or CLI output', async () => {
    await Promise.all(pendingReads);
    await closeGateway();
    for (const e of emitted) scanner.scan(e.where, e.text, e.allow ? { allow: e.allow } : {});
    const logText = logs.text();
    scanner.scan('gateway logs (pino, trace level)', logText);
    const ledgers = [['ledger', ledgerPath], ['child ledger', childLedgerPath]] as const;
    const dumps = ledgers.map(([label, path]) => {
      const dump = dumpSqlite(path);
      scanner.scan(`${label}: every row of every table`, dump.text);
      for (const raw of rawSqliteFiles(path)) scanner.scan(`${label}: raw bytes of ${raw.file}`, raw.text);
      return dump;
    });

    // the scan reached what it should have (soft: a leak below is reported either way)
    expect.soft(logText).toMatch(/shadow run failed/);
    expect.soft(logText).toMatch(/shadow judge failed/);
    expect.soft(logText).toMatch(/stream failed after it started/);
    const [main, child] = dumps as [ReturnType<typeof dumpSqlite>, ReturnType<typeof dumpSqlite>];
    expect.soft(main.counts.requests).toBeGreaterThan(150);
    expect.soft(main.counts.api_keys).toBeGreaterThanOrEqual(3);
    expect.soft(main.counts.shadow_samples).toBeGreaterThanOrEqual(2);
    expect.soft(main.counts.audit_log).toBeGreaterThanOrEqual(2);
    expect.soft(child.counts.requests).toBeGreaterThan(4);
    // bodies were stored for the keys that keep them, and the failures' messages are in the attempts
    expect.soft(main.text).toContain('"request_body":"{');
    expect.soft(main.text).toContain(marker('json-500'));
    const places = scanner.scanned.length;
    expect.soft(places).toBeGreaterThan(250);

    expect(scanner.report(), `secrets found in what the gateway or the CLI emitted (${places} outputs scanned)`).toBe('');
  });
});
