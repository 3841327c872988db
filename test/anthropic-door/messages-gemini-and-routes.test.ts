import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readOwnFixture } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicClient } from './anthropic-door-kit.js';

/**
 * The Messages door to a Gemini upstream (recorded generateContent bodies and streams), and the set-up
 * Claude Code needs: the `claude-…` names it sends mapped by a route to other models, with a fallback.
 */
let kimi: FakeUpstream;
let gemini: FakeUpstream;
let gateway: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  kimi = await FakeUpstream.start();
  gemini = await FakeUpstream.start();
  gateway = await startTestGateway({
    providers: {
      moonshot: { type: 'moonshot', api_key: 'sk-kimi-test', base_url: `${kimi.url}/v1`, retries: 0 },
      google: { type: 'gemini', api_key: 'gem-key-0123456789', base_url: `${gemini.url}/v1beta` },
    },
    models: {
      'kimi-k2': { deployments: ['moonshot/kimi-k2-0905-preview'] },
      'gemini-flash': { deployments: ['google/gemini-2.5-flash'] },
    },
    routes: {
      'claude-sonnet-4-5': { strategy: 'fallback', targets: ['kimi-k2', 'gemini-flash'] },
      'claude-haiku-4-5': { strategy: 'fallback', targets: ['gemini-flash'] },
    },
  });
  client = anthropicClient(gateway);
});

afterAll(async () => {
  await gateway?.close(1000);
  await kimi?.close();
  await gemini?.close();
});

describe('Messages door → Gemini upstream', () => {
  it('answers thinking, text and cached usage from a generateContent body', async () => {
    gemini.reply({ json: JSON.parse(readOwnFixture('gemini/text-cached.json')) as unknown });
    const msg = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 500, system: 'Be exact.', messages: [{ role: 'user', content: 'Boiling point of water?' }] });
    const sent = gemini.lastRequest;
    expect(sent.url).toMatch(/^\/v1beta\/models\/gemini-2\.5-flash:generateContent/);
    expect(sent.json).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be exact.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Boiling point of water?' }] }],
      generationConfig: { maxOutputTokens: 500 },
    });
    expect(msg.content).toEqual([
      { type: 'thinking', thinking: 'The user wants the boiling point of water at sea level.', signature: '' },
      { type: 'text', text: 'Water boils at 100 °C at sea level.' },
    ]);
    expect(msg.stop_reason).toBe('end_turn');
    // Gemini's prompt (1200) plus tool-use prompt (40) tokens, 1024 of them from its cache; output counts thoughts
    expect(msg.usage).toEqual({ input_tokens: 216, output_tokens: 68, cache_creation_input_tokens: null, cache_read_input_tokens: 1024 });
  });

  it("takes Claude Code's metadata.user_id, which Gemini cannot: left out, never a refusal", async () => {
    gemini.reply({ json: JSON.parse(readOwnFixture('gemini/text-cached.json')) as unknown });
    const { data, response } = await client.messages
      .create({ model: 'claude-haiku-4-5', max_tokens: 50, metadata: { user_id: 'user_abc123' }, messages: [{ role: 'user', content: 'Boiling point of water?' }] })
      .withResponse();
    expect(data.content.at(-1)).toEqual({ type: 'text', text: 'Water boils at 100 °C at sea level.' });
    expect(response.headers.get('x-switchyard-route')).toContain('served=google/gemini-2.5-flash (without user)');
    expect(JSON.stringify(gemini.lastRequest.json)).not.toContain('user_abc123');
  });

  it('streams thinking then text from streamGenerateContent', async () => {
    gemini.reply({ sse: framesFromChunks(readOwnFixture('gemini/thinking-text.chunks.txt')) });
    const msg = await client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 500, messages: [{ role: 'user', content: "How many r's in strawberry?" }] }).finalMessage();
    expect(gemini.lastRequest.url).toMatch(/:streamGenerateContent\?alt=sse/);
    expect(msg.content).toEqual([
      { type: 'thinking', thinking: 'Counting the letters one by one. Two in the middle, one near the end.', signature: '' },
      { type: 'text', text: "There are three r's in strawberry." },
    ]);
    expect(msg.usage).toMatchObject({ input_tokens: 12, output_tokens: 73 });
    expect(msg.stop_reason).toBe('end_turn');
  });
});

describe('Claude model names routed to other models', () => {
  it('serves claude-sonnet-4-5 from Kimi, and from Gemini when Kimi fails', async () => {
    kimi.reply({
      json: {
        id: 'k1',
        object: 'chat.completion',
        created: 1,
        model: 'kimi-k2-0905-preview',
        choices: [{ index: 0, message: { role: 'assistant', content: 'From Kimi.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 8, completion_tokens: 3, total_tokens: 11 },
      },
    });
    const viaKimi = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(kimi.lastRequest.json.model).toBe('kimi-k2-0905-preview');
    expect(viaKimi.content).toEqual([{ type: 'text', text: 'From Kimi.' }]);
    expect(viaKimi.model).toBe('kimi-k2-0905-preview');

    kimi.reply({ status: 500, json: { error: { message: 'boom', type: 'server_error' } } });
    gemini.reply({ json: JSON.parse(readOwnFixture('gemini/text-cached.json')) as unknown });
    const { data, response } = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(data.content.at(-1)).toEqual({ type: 'text', text: 'Water boils at 100 °C at sea level.' });
    expect(response.headers.get('x-switchyard-route')).toBe('model=claude-sonnet-4-5; served=google/gemini-2.5-flash; tried=moonshot/kimi-k2-0905-preview:upstream_error');
  });
});
