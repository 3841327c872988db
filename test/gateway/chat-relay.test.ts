import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, type Reply } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The chat fast path over real HTTP on loopback: chat completions in, an OpenAI-compatible upstream out,
 * the client's body sent and the upstream's chunks relayed where that changes nothing the client sees. Each
 * check runs on the fast path (`alias`, `fallback`) and beside it on the same provider with
 * `pass_through: false` (`alias-t`, `fallback-t`), which translates everything, and the two must agree.
 */
const ADMIN = 'sk-admin-relay-test';
let upstream: FakeUpstream;
let backup: FakeUpstream;
let gateway: TestGateway;
let dbPath: string;

const PRICES = { 'served-model': { input: 1, output: 2 }, 'backup-model': { input: 1, output: 2 } };

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  backup = await FakeUpstream.start();
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-relay-')), 'ledger.db');
  const up = { type: 'openai-compatible', base_url: `${upstream.url}/v1`, retries: 0, prices: PRICES };
  const second = { type: 'openai-compatible', base_url: `${backup.url}/v1`, retries: 0, prices: PRICES };
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    auth: { admin_key: ADMIN },
    // a breaker that never opens: every check sees the provider's own answer
    health: { failure_threshold: 1000, window_size: 1000, min_requests: 1000 },
    providers: { up, 'up-t': { ...up, pass_through: false }, second, 'second-t': { ...second, pass_through: false } },
    models: {
      alias: { deployments: ['up/served-model'] },
      'alias-t': { deployments: ['up-t/served-model'] },
      fallback: { deployments: ['up/served-model', 'second/backup-model'] },
      'fallback-t': { deployments: ['up-t/served-model', 'second-t/backup-model'] },
    },
  });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
  await backup?.close();
});

/** An upstream chunk as OpenAI streams it, with the fields the translation drops (system_fingerprint, usage: null). */
function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}): string {
  const body = { id: 'chatcmpl-upstream', object: 'chat.completion.chunk', created: 1700000000, model: 'served-model-2025-01-01', system_fingerprint: 'fp_relay', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null, ...extra };
  return `data: ${JSON.stringify(body)}\n\n`;
}

const USAGE = `data: ${JSON.stringify({ id: 'chatcmpl-upstream', object: 'chat.completion.chunk', created: 1700000000, model: 'served-model-2025-01-01', system_fingerprint: 'fp_relay', choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 } } })}\n\n`;
const DONE = 'data: [DONE]\n\n';
const HELLO = [chunk({ role: 'assistant', content: '', refusal: null }), chunk({ content: 'Hel' }), chunk({ content: 'lo \\u00e9\n"' }), chunk({}, 'stop'), USAGE, DONE];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Each `data:` payload but `[DONE]`, parsed. */
  frames: Array<Record<string, any>>;
}

async function post(body: Record<string, unknown>, key?: string): Promise<Answer> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const frames = body.stream
    ? text
        .split('\n\n')
        .filter((f) => f.startsWith('data: ') && f !== 'data: [DONE]')
        .map((f) => JSON.parse(f.slice(6)) as Record<string, any>)
    : [JSON.parse(text) as Record<string, any>];
  return { status: res.status, headers: res.headers, text, frames };
}

/** The request both ways: on the fast path (`model`) and translated (`model-t`), the upstream answering each with `reply`. */
async function both(body: Record<string, unknown>, reply: Reply, backupReply?: Reply): Promise<{ fast: Answer; translated: Answer }> {
  upstream.reply(reply);
  if (backupReply) backup.reply(backupReply);
  const fast = await post(body);
  upstream.reply(reply);
  if (backupReply) backup.reply(backupReply);
  const translated = await post({ ...body, model: `${String(body.model)}-t` });
  return { fast, translated };
}

/** A stream as a client assembles it: content, reasoning, finish reasons, usage chunks, the last frame. */
function assemble(a: Answer) {
  let content = '';
  const finishes: string[] = [];
  const usages: unknown[] = [];
  for (const f of a.frames) {
    for (const c of f.choices ?? []) {
      content += c.delta?.content ?? '';
      if (c.finish_reason) finishes.push(c.finish_reason as string);
    }
    if (f.usage) usages.push(f.usage);
  }
  return { content, finishes, usages, done: a.text.endsWith(DONE), error: a.frames.at(-1)?.error?.code as string | undefined };
}

const rowOf = (id: string | null) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
};

const ask = (extra: Record<string, unknown> = {}) => ({ model: 'alias', stream: true, messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('chat completions relayed to an OpenAI-compatible upstream', () => {
  it("names every relayed chunk as a translated stream does: the request's id, the gateway's clock, the deployment's model (the client asked for an alias)", async () => {
    const { fast, translated } = await both(ask(), { sse: HELLO });
    expect(fast.headers.get('x-switchyard-passthrough')).toBe('openai-chat');
    expect(translated.headers.get('x-switchyard-passthrough')).toBeNull();
    // relayed: the upstream's framing and extra fields reach the client, the text as the upstream escaped it
    expect(fast.text).toContain('"system_fingerprint":"fp_relay"');
    expect(fast.text).toContain('"content":"lo \\\\u00e9\\n\\""');
    expect(translated.text).not.toContain('fp_relay');
    for (const a of [fast, translated]) {
      const id = a.headers.get('x-switchyard-request-id');
      for (const f of a.frames) {
        expect(f).toMatchObject({ id, object: 'chat.completion.chunk', model: 'served-model' });
        expect(Math.abs(f.created * 1000 - Date.now())).toBeLessThan(10_000);
      }
    }
    expect(assemble(fast)).toEqual(assemble(translated));
    expect(assemble(fast)).toMatchObject({ content: 'Hello \\u00e9\n"', finishes: ['stop'], usages: [], done: true });
    // the first chunk shown names the role, as the translated one does
    expect(fast.frames[0]!.choices[0].delta.role).toBe('assistant');
  });

  it('names the role on the first chunk when the upstream never does', async () => {
    const { fast, translated } = await both(ask(), { sse: [chunk({ content: 'Hi' }), chunk({ content: '!' }), chunk({}, 'stop'), DONE] });
    expect(fast.headers.get('x-switchyard-passthrough')).toBe('openai-chat');
    expect(fast.text).toContain('fp_relay');
    expect(fast.frames[0]!.choices[0].delta).toEqual({ role: 'assistant', content: 'Hi' });
    expect(fast.frames.filter((f) => f.choices?.[0]?.delta?.role !== undefined)).toHaveLength(1);
    expect(translated.frames[0]!.choices[0].delta).toEqual({ role: 'assistant', content: 'Hi' });
    expect(assemble(fast)).toEqual(assemble(translated));
  });

  it('ends with one usage chunk carrying the cost when the client asked for it, the same as translated', async () => {
    const { fast, translated } = await both(ask({ stream_options: { include_usage: true } }), { sse: HELLO });
    const usage = assemble(fast).usages;
    expect(usage).toEqual(assemble(translated).usages);
    expect(usage).toHaveLength(1);
    expect(usage[0]).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 }, cost: 0.000018 });
    expect(rowOf(fast.headers.get('x-switchyard-request-id')).cost_usd).toBe(0.000018);
    expect(fast.frames.at(-1)).toMatchObject({ choices: [], usage: usage[0] });
    expect(fast.text.endsWith(`}\n\n${DONE}`)).toBe(true);
    expect(upstream.lastRequest.json.stream_options).toEqual({ include_usage: true });
  });

  it('shows no usage chunk when the client did not ask, though usage is always asked upstream and recorded', async () => {
    const { fast } = await both(ask(), { sse: HELLO });
    expect(upstream.lastRequest.json.stream_options).toEqual({ include_usage: true });
    expect(fast.frames.some((f) => f.usage)).toBe(false);
    expect(fast.text).not.toContain('prompt_tokens');
    const row = rowOf(fast.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ provider: 'up', served_model: 'served-model', input_tokens: 12, output_tokens: 3, status: 200, stream: 1, partial: 0, cost_usd: 0.000018 });
  });

  it('ends a stream whose upstream sends an error mid-way with the gateway error frame, never [DONE]', async () => {
    const inBand = `data: ${JSON.stringify({ error: { message: 'model overloaded', type: 'server_error', code: 503 } })}\n\n`;
    const { fast, translated } = await both(ask(), { sse: [chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' }), inBand, DONE] });
    expect(assemble(fast)).toEqual(assemble(translated));
    expect(assemble(fast)).toMatchObject({ content: 'Hello', done: false });
    // the same error frame, but for the provider's name (the same vendor, configured twice)
    expect(JSON.stringify(fast.frames.at(-1))).toBe(JSON.stringify(translated.frames.at(-1)).replaceAll("'up-t'", "'up'").replace('"up-t"', '"up"'));
    expect(fast.frames.at(-1)!.error.message).toMatch(/model overloaded/);
    expect(rowOf(fast.headers.get('x-switchyard-request-id'))).toMatchObject({ partial: 1, stream: 1 });
  });

  it('ends a cut stream with an error frame, never [DONE], and a partial ledger row', async () => {
    const reply: Reply = { sse: [chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' }), chunk({ content: ' world' }), DONE], frameDelayMs: 20, cutAfterFrames: 2 };
    const { fast, translated } = await both(ask(), reply);
    expect(assemble(fast)).toEqual(assemble(translated));
    expect(assemble(fast)).toMatchObject({ content: 'Hello', done: false });
    expect(assemble(fast).error).toMatch(/upstream_connection_failed|stream_interrupted/);
    const row = rowOf(fast.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ partial: 1, stream: 1, status: 200 });
    // no usage came: the output is estimated from the characters relayed, as from those translated
    expect(row.output_tokens).toBe(rowOf(translated.headers.get('x-switchyard-request-id')).output_tokens);
  });

  it('ends a stream that says [DONE] without a finish reason with a stop, as translated', async () => {
    const { fast, translated } = await both(ask(), { sse: [chunk({ role: 'assistant', content: 'Hi' }), DONE] });
    expect(assemble(fast)).toEqual(assemble(translated));
    expect(assemble(fast)).toMatchObject({ content: 'Hi', finishes: ['stop'], done: true });
  });

  it('fails over before the first content (an error after a role-only chunk), and the client sees only the answer that served', async () => {
    const inBand = `data: ${JSON.stringify({ error: { message: 'overloaded', code: 503 } })}\n\n`;
    const backupReply: Reply = { sse: [chunk({ role: 'assistant', content: 'From the backup.' }), chunk({}, 'stop'), DONE] };
    const { fast, translated } = await both({ ...ask(), model: 'fallback' }, { sse: [chunk({ role: 'assistant', content: '' }), inBand] }, backupReply);
    for (const a of [fast, translated]) {
      expect(a.status).toBe(200);
      expect(a.headers.get('x-switchyard-route')).toMatch(/served=second(-t)?\/backup-model/);
      expect(a.frames.every((f) => f.model === 'backup-model')).toBe(true);
    }
    expect(fast.headers.get('x-switchyard-passthrough')).toBe('openai-chat');
    expect(assemble(fast)).toEqual(assemble(translated));
    expect(assemble(fast)).toMatchObject({ content: 'From the backup.', finishes: ['stop'], done: true });
  });

  it('fails over when the first deployment refuses the stream', async () => {
    const backupReply: Reply = { sse: [chunk({ role: 'assistant', content: 'Backup.' }), chunk({}, 'stop'), DONE] };
    const { fast, translated } = await both({ ...ask(), model: 'fallback' }, { status: 500, json: { error: { message: 'boom' } } }, backupReply);
    expect(assemble(fast)).toEqual(assemble(translated));
    expect(assemble(fast)).toMatchObject({ content: 'Backup.', done: true });
    expect(fast.headers.get('x-switchyard-route')).toMatch(/served=second\/backup-model/);
  });

  it('decodes what it cannot relay as it is (a nonstandard finish reason, tool calls without ids) and shows the same', async () => {
    const calls = [
      chunk({ role: 'assistant', content: null }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] }),
      chunk({}, 'eos'),
      DONE,
    ];
    const { fast, translated } = await both(ask(), { sse: calls });
    const call = (a: Answer) => a.frames.flatMap((f) => f.choices?.[0]?.delta?.tool_calls ?? []);
    expect(call(fast)).toHaveLength(2);
    expect(call(fast)[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(call(fast)[0].id).toMatch(/^call_/);
    expect(assemble(fast).finishes).toEqual(['tool_calls']);
    expect(assemble(fast)).toEqual(assemble(translated));
  });
});

describe('a whole chat completion relayed', () => {
  const completion = {
    id: 'chatcmpl-upstream',
    object: 'chat.completion',
    created: 1700000000,
    model: 'served-model-2025-01-01',
    choices: [{ index: 0, message: { role: 'assistant', content: 'The Rhine rises in the Alps.', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 } },
    service_tier: 'default',
    system_fingerprint: 'fp_relay',
  };

  it("is the upstream's text with the request's id, the gateway's clock, the deployment's model and the usage with its cost", async () => {
    const { fast, translated } = await both({ model: 'alias', messages: [{ role: 'user', content: 'Rhine?' }] }, { body: JSON.stringify(completion, null, 2), headers: { 'content-type': 'application/json' } });
    expect(fast.headers.get('x-switchyard-passthrough')).toBe('openai-chat');
    expect(translated.headers.get('x-switchyard-passthrough')).toBeNull();
    // spliced, not rebuilt: the upstream's layout and fields are still there
    expect(fast.text).toContain('\n  "system_fingerprint": "fp_relay"');
    const body = fast.frames[0]!;
    const usage = { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20, prompt_tokens_details: { cached_tokens: 0 }, cost: 0.000028 };
    expect(body).toMatchObject({ id: fast.headers.get('x-switchyard-request-id'), object: 'chat.completion', model: 'served-model', usage });
    const { system_fingerprint: _fp, service_tier: _tier, ...rest } = body;
    const { id: _id, created: _c, ...restT } = translated.frames[0]!;
    expect({ ...rest, id: undefined, created: undefined, choices: [{ ...rest.choices[0], message: { role: 'assistant', content: rest.choices[0].message.content } }] }).toEqual({
      ...restT,
      id: undefined,
      created: undefined,
    });
    expect(fast.headers.get('x-switchyard-cost')).toBe(translated.headers.get('x-switchyard-cost'));
  });

  it('adds the usage where the upstream sent none', async () => {
    const { usage: _u, ...bare } = completion;
    const { fast, translated } = await both({ model: 'alias', messages: [{ role: 'user', content: 'Rhine?' }] }, { json: bare });
    expect(fast.text).toContain('fp_relay');
    expect(fast.frames[0]!.usage).toEqual(translated.frames[0]!.usage);
    expect(fast.frames[0]!.usage).toMatchObject({ cost: expect.any(Number), cost_estimated: true });
  });

  it('is rebuilt as translated when the body is not plain (reasoning under another name)', async () => {
    const reasoning = { ...completion, choices: [{ index: 0, message: { role: 'assistant', content: 'Yes.', reasoning: 'Because.' }, finish_reason: 'stop' }] };
    const { fast, translated } = await both({ model: 'alias', messages: [{ role: 'user', content: 'Rhine?' }] }, { json: reasoning });
    expect(fast.headers.get('x-switchyard-passthrough')).toBeNull();
    expect(fast.text).not.toContain('fp_relay');
    expect(fast.frames[0]!.choices).toEqual(translated.frames[0]!.choices);
    expect(fast.frames[0]!.choices[0].message.reasoning_content).toBe('Because.');
  });
});

describe("the client's body sent upstream", () => {
  it('is sent as the client wrote it (model renamed, the gateway fields removed, usage asked for) when that is what translation sends', async () => {
    const body = { model: 'alias', stream: true, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], temperature: 0.2, top_k: 40, provider: { sort: 'price' }, max_tokens: 50 };
    const { provider: _gatewayOnly, ...forwarded } = body;
    const expected = { ...forwarded, model: 'served-model', stream_options: { include_usage: true } };
    upstream.reply({ sse: HELLO });
    const fast = await post(body);
    expect(fast.headers.get('x-switchyard-passthrough')).toBe('openai-chat');
    expect(upstream.lastRequest.json).toEqual(expected);
    upstream.reply({ sse: HELLO });
    await post({ ...body, model: 'alias-t' });
    expect(upstream.lastRequest.json).toEqual(expected);
  });

  it('is translated when translation changes it (a developer message becomes system)', async () => {
    upstream.reply({ sse: HELLO });
    await post({ ...ask(), messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    expect(upstream.lastRequest.json.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });
});

describe('a stream whose text is read', () => {
  it('is decoded rather than relayed for a key that stores bodies, and its text stored', async () => {
    const res = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ team: 'audit', store_bodies: true }),
    });
    const { key } = (await res.json()) as { key: string };
    upstream.reply({ sse: HELLO });
    const a = await post(ask(), key);
    expect(a.headers.get('x-switchyard-passthrough')).toBeNull();
    expect(a.text).not.toContain('fp_relay');
    expect(assemble(a).content).toBe('Hello \\u00e9\n"');
    expect(rowOf(a.headers.get('x-switchyard-request-id')).response_body).toBe('Hello \\u00e9\n"');
  });
});
