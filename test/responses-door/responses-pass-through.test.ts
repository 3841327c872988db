import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { collectEvents } from './responses-kit.js';

/**
 * Responses in, OpenAI out: the request passes through to OpenAI's own `/responses` as the client wrote it
 * (model renamed, the gateway's fields removed, `store: false` unless the client set it) and the answer comes
 * back as OpenAI sent it, whole or event by event, with the ledger row read from it. On every recorded
 * Responses answer a client through the gateway sees what a client of the upstream sees. A deployment that
 * does not speak Responses (vLLM) is translated as before.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;
let client: OpenAI;
let direct: OpenAI;
let dbPath: string;

const answer = {
  id: 'resp_up_1',
  object: 'response',
  created_at: 1786000000,
  status: 'completed',
  model: 'gpt-5-mini-2025-08-07',
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Short question.' }], encrypted_content: 'ZW5jcnlwdGVk' },
    { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Paris.', annotations: [] }] },
  ],
  usage: { input_tokens: 40, input_tokens_details: { cached_tokens: 32 }, output_tokens: 9, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 49 },
  store: false,
};

const event = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const streamFrames = [
  event('response.created', { sequence_number: 0, response: { ...answer, status: 'in_progress', output: [], usage: null } }),
  event('response.output_item.added', { sequence_number: 1, output_index: 0, item: { id: 'fc_1', type: 'function_call', status: 'in_progress', call_id: 'call_1', name: 'get_weather', arguments: '' } }),
  event('response.function_call_arguments.delta', { sequence_number: 2, item_id: 'fc_1', output_index: 0, delta: '{"city":' }),
  event('response.function_call_arguments.delta', { sequence_number: 3, item_id: 'fc_1', output_index: 0, delta: '"Paris"}' }),
  event('response.function_call_arguments.done', { sequence_number: 4, item_id: 'fc_1', output_index: 0, arguments: '{"city":"Paris"}' }),
  event('response.output_item.done', { sequence_number: 5, output_index: 0, item: { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' } }),
  event('response.completed', {
    sequence_number: 6,
    response: { ...answer, output: [{ id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
  }),
];

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-resp-pass-')), 'ledger.db');
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: {
      oai: { type: 'openai', api_key: 'sk-openai-pass-secret', base_url: `${upstream.url}/v1`, prices: { 'gpt-5-mini': { input: 0.25, output: 2, cached_input: 0.025 } } },
      local: { type: 'vllm', base_url: `${upstream.url}/vllm/v1` },
    },
    models: { 'gpt-5-mini': { deployments: ['oai/gpt-5-mini'] }, qwen3: { deployments: ['local/Qwen/Qwen3-32B'] } },
  });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'no-key', maxRetries: 0, timeout: 15_000 });
  direct = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: 'direct', maxRetries: 0, timeout: 15_000 });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

const rowOf = (id: string | null) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
};

describe('Responses door → OpenAI, passed through', () => {
  it("sends the client's body to /responses as written, store false unless set, and returns OpenAI's body", async () => {
    upstream.reply({ json: answer });
    const body = {
      model: 'gpt-5-mini',
      input: [{ role: 'user', content: 'Capital of France?' }],
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'k-1',
      provider: { sort: 'price' },
    };
    const res = await client.responses.create(body as OpenAI.Responses.ResponseCreateParamsNonStreaming).withResponse();
    expect(res.response.headers.get('x-switchyard-passthrough')).toBe('openai-responses');
    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/v1/responses');
    expect(sent.headers.authorization).toBe('Bearer sk-openai-pass-secret');
    const { provider: _gatewayOnly, ...forwarded } = body;
    expect(sent.json).toEqual({ ...forwarded, store: false });
    expect(JSON.parse(JSON.stringify(res.data))).toMatchObject(answer);
    expect(res.data.output_text).toBe('Paris.');

    upstream.reply({ json: answer });
    await client.responses.create({ model: 'gpt-5-mini', input: 'x', store: true });
    expect(upstream.lastRequest.json.store).toBe(true);

    const row = rowOf(res.response.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ provider: 'oai', served_model: 'gpt-5-mini', input_tokens: 40, cached_input_tokens: 32, output_tokens: 9, reasoning_tokens: 5, status: 200, stream: 0 });
    expect(row.cost_usd as number).toBeGreaterThan(0);
  });

  it('streams the events byte for byte, the terminal one last, and still writes the row', async () => {
    upstream.reply({ sse: streamFrames });
    const res = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer no-key' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'Weather in Paris?', stream: true, tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }] }),
    });
    expect(await res.text()).toBe(streamFrames.join(''));
    expect(upstream.lastRequest.json).toMatchObject({ model: 'gpt-5-mini', stream: true, store: false });
    const row = rowOf(res.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ provider: 'oai', input_tokens: 40, output_tokens: 9, stream: 1, partial: 0, status: 200 });
  });

  it('translates for a deployment that does not speak Responses', async () => {
    upstream.reply({
      json: { id: 'c', object: 'chat.completion', created: 1, model: 'Qwen/Qwen3-32B', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    });
    const res = await client.responses.create({ model: 'qwen3', input: 'hello' }).withResponse();
    expect(upstream.lastRequest.url).toBe('/vllm/v1/chat/completions');
    expect(res.response.headers.get('x-switchyard-passthrough')).toBeNull();
    expect(res.data.output_text).toBe('Hi.');
  });

  it('refuses previous_response_id before anything is sent, pass-through or not', async () => {
    const before = upstream.requests.length;
    const failure = await client.responses.create({ model: 'gpt-5-mini', input: 'x', previous_response_id: 'resp_1' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect(upstream.requests.length).toBe(before);
  });

  describe.skipIf(!sharedFixturesDir)(`every recorded Responses answer (vercel-ai), direct and through the gateway ${sharedFixturesSkipReason}`, () => {
    const dir = 'vercel-ai/packages/openai/src/responses/__fixtures__';
    const files = sharedFixturesDir ? readdirSync(join(sharedFixturesDir, dir)).filter((f) => f.endsWith('.json') || f.endsWith('.chunks.txt')) : [];
    const terminal = new Set(['response.completed', 'response.incomplete']);
    const tally = { same: 0, failedBoth: 0 };
    afterAll(() => console.log(`[responses pass-through] ${files.length} recorded answers: ${tally.same} identical through the gateway, ${tally.failedBoth} failed both directly and through it`));

    it.each(files)('%s: the same response or events, or a failure either way', async (file) => {
      const text = readSharedFixture(`${dir}/${file}`);
      const whole = file.endsWith('.json');
      const frames = whole ? [] : framesFromChunks(text, { events: true });
      // a recording may hold two turns' streams one after the other: a client reads the first, to its terminal event
      const end = frames.findIndex((f) => terminal.has(/^event: (.+)$/m.exec(f)?.[1] ?? ''));
      const reply = whole ? { json: JSON.parse(text) as unknown } : { sse: end >= 0 ? frames.slice(0, end + 1) : frames };
      const run = async (c: OpenAI): Promise<{ value: unknown } | { failed: true }> => {
        upstream.reply(reply);
        try {
          if (whole) return { value: await c.responses.create({ model: 'gpt-5-mini', input: 'Hello' }) };
          const events: ResponseStreamEvent[] = await collectEvents(await c.responses.create({ model: 'gpt-5-mini', input: 'Hello', stream: true }));
          return terminal.has(events.at(-1)?.type ?? '') ? { value: events } : { failed: true };
        } catch {
          return { failed: true };
        }
      };
      const want = await run(direct);
      const got = await run(client);
      const usable = 'value' in want && (!whole || Array.isArray((want.value as { output?: unknown }).output));
      if (usable) expect(got).toEqual(want);
      else expect(got).toEqual({ failed: true });
      tally[usable ? 'same' : 'failedBoth']++;
    });
  });
});
