import fc from 'fast-check';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, type RecordedRequest, type Reply } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { bodyWithOneWrongField, hostileJson, validBody } from './support/chat-arbitraries.js';

/**
 * End to end over real HTTP: a running gateway (one OpenAI-compatible provider answering validly behind it)
 * is sent ≥ 10,000 generated requests, most of them bad: malformed or truncated JSON, bytes that are not
 * UTF-8, nesting past the 64-level limit, bodies over the size limit, wrong shapes, odd content types and
 * headers, wrong paths and methods; and one in ten at the admin doors (report queries, key and kill-switch
 * bodies, path parts). Every answer must be below 500 and be an OpenAI-shaped JSON error (or a real
 * answer, where the request happened to be valid); the gateway must stay healthy.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const REQUESTS = Number(process.env.FUZZ_RUNS ?? 10_000);
const MAX_BODY = 32 * 1024;
const CONCURRENCY = 12;
const ADMIN_KEY = 'adm-fuzz-0123456789abcdef';
/** Clients send the master key (a key created at /admin/keys would otherwise turn authentication on midway). */
const MASTER_KEY = 'mk-fuzz-0123456789abcdef';

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

let upstream: FakeUpstream;
let gateway: TestGateway;
let pool: Pool;

const embeddingsReply = (req: RecordedRequest): Reply => {
  const input = req.json?.input;
  const n = Array.isArray(input) && !input.every((t) => typeof t === 'number') ? input.length : 1;
  return { json: { object: 'list', model: 'e', data: Array.from({ length: n }, (_, index) => ({ object: 'embedding', index, embedding: [0.1, -0.2] })), usage: { prompt_tokens: 3, total_tokens: 3 } } };
};

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const chat = openAIReply('fine');
  upstream.reply((req) => (req.url.endsWith('/embeddings') ? embeddingsReply(req) : chat(req)));
  gateway = await startTestGateway({
    auth: { admin_key: ADMIN_KEY, master_key: MASTER_KEY },
    limits: { max_body_bytes: MAX_BODY },
    providers: { local: { type: 'openai-compatible', base_url: `${upstream.url}/v1` } },
    models: { m: { deployments: ['local/model-a'] }, e: { deployments: ['local/embed-a'] } },
  });
  pool = new Pool(gateway.url, { connections: 8 });
});

afterAll(async () => {
  await pool?.close();
  await gateway?.close(1000);
  await upstream?.close();
});

const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');
const validChat = validBody.map((b) => ({ ...b, model: 'm', models: undefined, provider: undefined, router: undefined }));
const validEmbedding = fc.record({ model: fc.constant('e'), input: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(50000), { minLength: 1, maxLength: 5 })) });

const body: fc.Arbitrary<Buffer> = fc.oneof(
  { arbitrary: validChat.map(json), weight: 2 },
  { arbitrary: validEmbedding.map(json), weight: 1 },
  { arbitrary: bodyWithOneWrongField.map(({ body: b }) => json({ ...b, model: b.model === undefined ? undefined : 'm' })), weight: 3 },
  { arbitrary: bodyWithOneWrongField.map(({ body: b }) => json(b)), weight: 2 },
  // malformed JSON: a valid body cut short or with one byte changed
  { arbitrary: fc.tuple(validChat.map(json), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([b, at, byte]) => (byte % 2 ? b.subarray(0, at % b.length) : Buffer.concat([b.subarray(0, at % b.length), Buffer.from([byte]), b.subarray((at % b.length) + 1)]))), weight: 3 },
  { arbitrary: fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)), weight: 1 },
  { arbitrary: fc.string({ maxLength: 80, unit: 'grapheme' }).map((s) => Buffer.from(s)), weight: 1 },
  { arbitrary: hostileJson.map(json), weight: 1 },
  { arbitrary: fc.integer({ min: 60, max: 200 }).map((n) => Buffer.from(`{"model":"m","messages":[{"role":"user","content":"x"}],"x":${'['.repeat(n)}${']'.repeat(n)}}`)), weight: 1 },
  { arbitrary: fc.integer({ min: MAX_BODY - 64, max: MAX_BODY + 4096 }).map((n) => Buffer.from(`{"model":"m","messages":[{"role":"user","content":"${'a'.repeat(n)}"}]}`)), weight: 1 },
  { arbitrary: fc.constantFrom('', ' ', '\n', 'null', '0', '"x"', '[]', '{}', '\uFEFF{}', '{"model":"m"}{"model":"m"}').map((s) => Buffer.from(s)), weight: 1 },
);

const safeHeaderValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);
/** A header that is there about one time in `freq`. */
const rarely = (value: fc.Arbitrary<string>, freq = 12): fc.Arbitrary<string | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: freq - 1 }, { arbitrary: value, weight: 1 });
const headers: fc.Arbitrary<Record<string, string>> = fc
  .record({
    'content-type': fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'image/png', '*/*', ''),
    'content-encoding': rarely(fc.constantFrom('gzip', 'identity', 'br', 'deflate, gzip')),
    accept: rarely(fc.constantFrom('application/json', 'text/event-stream', '*/*', 'text/html'), 4),
    authorization: rarely(safeHeaderValue.map((v) => `Bearer ${v}`), 30),
    'x-request-id': rarely(safeHeaderValue, 4),
    origin: rarely(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'), 30),
    'x-api-key': rarely(safeHeaderValue, 30),
  })
  .map((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')));

const weighted = <T>(...pairs: Array<[T, number]>): fc.Arbitrary<T> => fc.oneof(...pairs.map(([v, weight]) => ({ arbitrary: fc.constant(v), weight })));

const clientCase: fc.Arbitrary<Case> = fc.record({
  method: weighted<string>(['POST', 17], ['GET', 1], ['PUT', 1], ['DELETE', 1]),
  path: weighted<string>(
    ['/v1/chat/completions', 8], ['/v1/embeddings', 3], ['/chat/completions', 1], ['/embeddings', 1], ['/v1/chat/completions?x=1', 1],
    ['/v1//chat/completions', 1], ['/v1/chat/completions/', 1], ['/v1/Chat/Completions', 1], ['/v1/%63hat/completions', 1], ['/v1/chat/completions%00', 1],
  ),
  headers: headers.map((h) => ({ authorization: `Bearer ${MASTER_KEY}`, ...h })),
  body,
});

/** The admin doors, with the admin key: report queries, key and kill-switch bodies, path parts (never a kill that matches a served model). */
const pathPart = fc.oneof(fc.stringMatching(/^[A-Za-z0-9%:._~-]{0,24}$/), fc.constantFrom('%', '%E0%A4%A', '%FF', '..', 'key_', 'provider%3Azz-none'));
const timeOption = fc.oneof(
  fc.tuple(fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 30n })), fc.constantFrom('d', 'h')).map(([n, unit]) => `${n}${unit}`),
  fc.constantFrom('2025-06-01', '2025-06-01T12:00:00Z', '2025-13-45', '0000-01-01', '9999-12-31T23:59:59+14:00', '', 'yesterday'),
);
const query = fc.record({ since: timeOption, until: timeOption, by: fc.constantFrom('team', 'model', 'provider', 'day', 'x'), baseline: fc.constantFrom('openai/gpt-5', 'nope/nope', '') }, { requiredKeys: [] })
  .map((q) => new URLSearchParams(q as Record<string, string>).toString());
const adminCase: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(fc.constantFrom('spend', 'savings', 'origins', 'providers', 'nope'), query).map(([name, q]) => ({ method: 'GET', path: `/admin/reports/${name}?${q}`, headers: {} })),
  fc.record({ team: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), budget_usd: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()), budget_period: fc.constantFrom('day', 'week', 'month', 'year'), rpm: fc.integer(), models: fc.oneof(fc.array(fc.string({ maxLength: 5 })), fc.integer()) }, { requiredKeys: [] })
    .map((b) => ({ method: 'POST', path: '/admin/keys', headers: { 'content-type': 'application/json' }, body: json(b) })),
  pathPart.map((id) => ({ method: 'DELETE', path: `/admin/keys/${id}`, headers: {} })),
  fc.record({ target: fc.oneof(fc.constantFrom('provider:zz-none', 'developer:zz-none', 'model:zz-none', 'origin:ZZ', 'provider:', ':x', 'nothing'), fc.string({ maxLength: 10 }).map((t) => `zz${t}`)), reason: fc.string({ maxLength: 10 }), actor: fc.string({ maxLength: 10 }) }, { requiredKeys: [] })
    .map((b) => ({ method: 'POST', path: '/admin/kills', headers: { 'content-type': 'application/json' }, body: json(b) })),
  pathPart.map((t) => ({ method: 'DELETE', path: `/admin/kills/${t}?actor=${encodeURIComponent(t)}`, headers: {} })),
  fc.oneof(fc.integer(), fc.string({ maxLength: 6 })).map((limit) => ({ method: 'GET', path: `/admin/audit?limit=${encodeURIComponent(String(limit))}`, headers: {} })),
  // the dashboard's endpoints: time series, latency, the request log, the drill
  fc.record({ metric: fc.constantFrom('spend', 'savings', 'tokens_by_origin', 'requests', 'x'), bucket: fc.constantFrom('hour', 'day', 'week', 'x'), by: fc.constantFrom('team', 'key', 'route', 'x'), since: timeOption, until: timeOption }, { requiredKeys: [] })
    .map((q) => ({ method: 'GET', path: `/admin/timeseries?${new URLSearchParams(q as Record<string, string>)}`, headers: {} })),
  fc.record({ by: fc.constantFrom('provider', 'model', 'x'), since: timeOption }, { requiredKeys: [] }).map((q) => ({ method: 'GET', path: `/admin/latency?${new URLSearchParams(q as Record<string, string>)}`, headers: {} })),
  fc.record({ limit: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), cursor: fc.oneof(pathPart, fc.string({ maxLength: 12 }).map((t) => Buffer.from(t).toString('base64url'))), status: fc.oneof(fc.constantFrom('ok', 'error', '502', '999', 'upstream_error'), fc.string({ maxLength: 6 })), since: timeOption }, { requiredKeys: [] })
    .map((q) => ({ method: 'GET', path: `/admin/requests?${new URLSearchParams(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])))}`, headers: {} })),
  pathPart.map((id) => ({ method: 'GET', path: `/admin/requests/${id}`, headers: {} })),
  fc.record({ target: fc.oneof(fc.constantFrom('provider:zz-none', 'origin:ZZ', 'nothing', ''), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })), since: timeOption, force: fc.oneof(fc.boolean(), fc.integer()) }, { requiredKeys: [] })
    .map((b) => ({ method: 'POST', path: '/admin/drill', headers: { 'content-type': 'application/json' }, body: json(b) })),
).map((c) => ({ ...c, headers: { ...c.headers, authorization: `Bearer ${ADMIN_KEY}` } }));

const requestCase: fc.Arbitrary<Case> = fc.oneof({ arbitrary: clientCase, weight: 9 }, { arbitrary: adminCase, weight: 1 });

interface Outcome {
  status: number;
  contentType: string;
  text: string;
}

async function send(c: Case): Promise<Outcome> {
  const res = await pool.request({ method: c.method as 'POST', path: c.path, headers: c.headers, ...(c.method !== 'GET' && { body: c.body }) });
  const text = await res.body.text();
  return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), text };
}

/** What every answer must be: below 500; an OpenAI-shaped JSON error, or a real answer. */
function checkAnswer(c: Case, o: Outcome): void {
  const where = () => `${c.method} ${c.path} ${JSON.stringify(c.headers)} body ${JSON.stringify(c.body?.toString('utf8').slice(0, 300))} → ${o.status} ${o.text.slice(0, 300)}`;
  expect(o.status, where()).toBeLessThan(500);
  if (o.status === 200 && o.contentType.startsWith('text/event-stream')) {
    const frames = o.text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
    expect(frames.at(-1), where()).toBe('[DONE]');
    for (const f of frames.slice(0, -1)) expect(() => JSON.parse(f), where()).not.toThrow();
    return;
  }
  expect(o.contentType, where()).toMatch(/^application\/json/);
  const parsed = JSON.parse(o.text) as { object?: string; error?: { message?: unknown; type?: unknown; code?: unknown } };
  if (o.status === 200) {
    if (!c.path.startsWith('/admin/')) expect(['chat.completion', 'list'], where()).toContain(parsed.object);
    return;
  }
  expect(typeof parsed.error?.message, where()).toBe('string');
  expect(typeof parsed.error?.type, where()).toBe('string');
  expect(typeof parsed.error?.code, where()).toBe('string');
}

describe('property: the gateway over HTTP', () => {
  it(
    `answers ${REQUESTS} generated requests, mostly bad, each below 500 and OpenAI-shaped, and stays healthy`,
    async () => {
      const cases = fc.sample(requestCase, { numRuns: REQUESTS, seed: SEED });
      const statuses = new Map<number, number>();
      // every request is sent and checked; failures are collected (one per kind) and reported together
      const failures = new Map<string, string>();
      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          const outcome = await send(c);
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          try {
            checkAnswer(c, outcome);
          } catch (err) {
            const kind = `${outcome.status} ${c.method} ${c.path.split('?')[0]}`;
            if (!failures.has(kind)) failures.set(kind, (err as Error).message.split('\n')[0]!);
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      console.log(`[fuzz] gateway-http: ${cases.length} requests in ${((performance.now() - started) / 1000).toFixed(2)}s, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);

      expect([...failures.values()], `${failures.size} kinds of wrong answers`).toEqual([]);
      const health = await send({ method: 'GET', path: '/health', headers: {} });
      expect(health.status).toBe(200);
      const ok = await send({
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` },
        body: json({ model: 'm', messages: [{ role: 'user', content: 'still there?' }] }),
      });
      expect(ok.status, ok.text).toBe(200);
      expect(statuses.get(200) ?? 0, 'some generated bodies were valid').toBeGreaterThan(0);
    },
    120_000,
  );
});
