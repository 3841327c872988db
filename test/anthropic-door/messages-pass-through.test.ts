import Anthropic from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readOwnFixture, readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicClient, eventTypes } from './anthropic-door-kit.js';

/**
 * Messages in, an Anthropic-wire upstream out: the request passes through as the client wrote it (the model
 * renamed, the gateway's own fields removed, `anthropic-beta` forwarded) and the answer comes back as the
 * upstream sent it, whole or event by event, while the ledger still gets its row with usage and cost. A
 * client through the gateway gets what a client of the upstream itself gets, on every recorded Anthropic
 * answer. A fallback to an OpenAI-compatible deployment is translated as usual.
 */
let upstream: FakeUpstream;
let backup: FakeUpstream;
let gateway: TestGateway;
let client: Anthropic;
let direct: Anthropic;
let dbPath: string;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  backup = await FakeUpstream.start();
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-pass-')), 'ledger.db');
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: {
      claude: {
        type: 'anthropic',
        api_key: 'sk-ant-pass-secret',
        base_url: `${upstream.url}/v1`,
        headers: { 'anthropic-beta': 'config-beta' },
        prices: { 'claude-sonnet-4-5-20250929': { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75 } },
      },
      kimi: { type: 'moonshot-anthropic', api_key: 'sk-kimi-pass-secret', base_url: `${upstream.url}/anthropic/v1`, prices: { 'kimi-k2': { input: 0.6, output: 2.5 } } },
      local: { type: 'openai-compatible', base_url: `${backup.url}/v1`, prices: { 'up-model': { input: 1, output: 2 } } },
    },
    models: {
      'claude-sonnet-4-5': { deployments: ['claude/claude-sonnet-4-5-20250929'] },
      'claude-haiku-4-5': { deployments: ['kimi/kimi-k2'] },
      'with-fallback': { deployments: ['claude/claude-sonnet-4-5-20250929', 'local/up-model'] },
    },
  });
  client = anthropicClient(gateway);
  direct = new Anthropic({ baseURL: upstream.url, apiKey: 'direct', maxRetries: 0, timeout: 15_000 });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
  await backup?.close();
});

const own = (name: string) => readOwnFixture(`anthropic/${name}`);
const rowOf = (id: string | null) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
};

describe('Messages door → Anthropic upstream, passed through', () => {
  it("sends the client's body as written, model renamed and the gateway's fields removed, with the client's beta header", async () => {
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Where does the Rhine rise?' }],
      // a field the canonical request has no place for: passed on, not refused
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      top_k: 5,
      provider: { sort: 'price' },
    };
    upstream.reply({ json: JSON.parse(own('text-cached.json')) as unknown });
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'context-management-2025-06-27', 'x-api-key': 'no-key' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-switchyard-passthrough')).toBe('anthropic-messages');
    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/v1/messages');
    const { provider: _gatewayOnly, ...forwarded } = body;
    expect(sent.json).toEqual({ ...forwarded, model: 'claude-sonnet-4-5-20250929' });
    expect(sent.headers['anthropic-beta']).toBe('config-beta,context-management-2025-06-27');
    expect(sent.headers['x-api-key']).toBe('sk-ant-pass-secret');
    // the upstream's body, as it came
    expect(await res.json()).toEqual(JSON.parse(own('text-cached.json')));
  });

  it('writes a ledger row with the usage read from the passed-through answer, whole and streamed', async () => {
    upstream.reply({ json: JSON.parse(own('text-cached.json')) as unknown });
    const whole = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, messages: [{ role: 'user', content: 'Rhine?' }] }).withResponse();
    const row = rowOf(whole.response.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ provider: 'claude', served_model: 'claude-sonnet-4-5-20250929', input_tokens: 2048 + 350 + 21, cached_input_tokens: 2048, output_tokens: 17, status: 200, stream: 0 });
    expect(row.cost_usd as number).toBeGreaterThan(0);

    upstream.reply({ sse: framesFromChunks(own('text-cached.chunks.txt'), { events: true }) });
    const streamed = await client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 300, messages: [{ role: 'user', content: 'Rhine?' }] }).withResponse();
    await streamed.data.finalMessage();
    const srow = rowOf(streamed.response.headers.get('x-switchyard-request-id'));
    expect(srow).toMatchObject({ provider: 'claude', cached_input_tokens: 2048, output_tokens: 17, status: 200, stream: 1, partial: 0 });
    expect(srow.cost_usd).toBe(row.cost_usd);
  });

  it('streams the upstream events byte for byte, message_stop last', async () => {
    const frames = framesFromChunks(own('thinking-tools.chunks.txt'), { events: true });
    upstream.reply({ sse: frames });
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'no-key' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 16000, stream: true, messages: [{ role: 'user', content: 'Weather and time in Lyon?' }] }),
    });
    expect(await res.text()).toBe(frames.join(''));
    expect(eventTypes(frames.join('')).at(-1)).toBe('message_stop');
  });

  it('sends a bearer token to a vendor whose guide sets ANTHROPIC_AUTH_TOKEN (Kimi), on its /anthropic path', async () => {
    upstream.reply({ json: JSON.parse(own('text-cached.json')) as unknown });
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/anthropic/v1/messages');
    expect(sent.headers.authorization).toBe('Bearer sk-kimi-pass-secret');
    expect(sent.headers['x-api-key']).toBeUndefined();
    expect(sent.json.model).toBe('kimi-k2');
  });

  it('falls back to an OpenAI-compatible deployment, translated, when the Anthropic one fails first', async () => {
    upstream.reply({ status: 529, json: JSON.parse(own('error-529.json')) as unknown });
    backup.reply({
      json: { id: 'c1', object: 'chat.completion', created: 1, model: 'up-model', choices: [{ index: 0, message: { role: 'assistant', content: 'From the backup.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } },
    });
    const ok = await client.messages.create({ model: 'with-fallback', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    expect(ok.data.content).toEqual([{ type: 'text', text: 'From the backup.' }]);
    expect(ok.response.headers.get('x-switchyard-passthrough')).toBeNull();
    expect(backup.lastRequest.json).toMatchObject({ model: 'up-model', messages: [{ role: 'user', content: 'hello' }] });
    expect(backup.lastRequest.json.native).toBeUndefined();
  });

  it('ends a stream the upstream breaks off with an error event, never message_stop', async () => {
    const frames = framesFromChunks(own('thinking-tools.chunks.txt'), { events: true });
    upstream.reply({ sse: frames, cutAfterFrames: 5, frameDelayMs: 10 });
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'no-key' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    const text = await res.text();
    expect(text.startsWith(frames.slice(0, 5).join(''))).toBe(true);
    const types = eventTypes(text);
    expect(types.at(-1)).toBe('error');
    expect(types).not.toContain('message_stop');
    const row = rowOf(res.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ stream: 1, partial: 1 });
  });

  describe.skipIf(!sharedFixturesDir)(`every recorded Anthropic answer (vercel-ai), direct and through the gateway ${sharedFixturesSkipReason}`, () => {
    const dir = 'vercel-ai/packages/anthropic/src/__fixtures__';
    const files = sharedFixturesDir ? readdirSync(join(sharedFixturesDir, dir)).filter((f) => f.endsWith('.json') || f.endsWith('.chunks.txt')) : [];
    const request = { model: 'claude-sonnet-4-5', max_tokens: 1000, messages: [{ role: 'user' as const, content: 'Hello' }] };
    const tally = { same: 0, failedBoth: 0 };
    afterAll(() => console.log(`[messages pass-through] ${files.length} recorded answers: ${tally.same} identical through the gateway, ${tally.failedBoth} failed both directly and through it`));

    it.each(files)('%s: the same message, or the same failure', async (file) => {
      const text = readSharedFixture(`${dir}/${file}`);
      // some recordings hold two turns' streams one after the other: a client reads the first, up to its message_stop
      const frames = file.endsWith('.json') ? [] : framesFromChunks(text, { events: true });
      const stop = frames.findIndex((f) => f.startsWith('event: message_stop'));
      const reply = file.endsWith('.json') ? { json: JSON.parse(text) as unknown } : { sse: stop >= 0 ? frames.slice(0, stop + 1) : frames };
      const run = async (c: Anthropic) => {
        upstream.reply(reply);
        try {
          const message = file.endsWith('.json') ? await c.messages.create(request) : await c.messages.stream(request).finalMessage();
          return { message };
        } catch (err) {
          return { failed: err instanceof Error ? err.constructor.name : String(err) };
        }
      };
      const want = await run(direct);
      const got = await run(client);
      if ('message' in want) expect(got).toEqual(want);
      // a stream the upstream did not finish fails through the gateway too (with an error event rather than a cut)
      else expect(got).toHaveProperty('failed');
      tally['message' in want ? 'same' : 'failedBoth']++;
    });
  });
});
