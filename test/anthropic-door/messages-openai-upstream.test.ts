import Anthropic from '@anthropic-ai/sdk';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicClient, chunk, eventTypes, openAIFrames } from './anthropic-door-kit.js';

/**
 * The Anthropic SDK through the Messages door to an OpenAI-compatible upstream: the request translated to
 * chat completions, the answer (reasoning, text, tool calls, stop reason, cached usage) back as a message,
 * whole and streamed, and the ledger row.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;
let client: Anthropic;
let dbPath: string;

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

const toolAnswer = {
  id: 'chatcmpl-up',
  object: 'chat.completion',
  created: 1,
  model: 'up-model',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Checking.',
        reasoning_content: 'Need the weather tool.',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }],
      },
      finish_reason: 'tool_calls',
    },
  ],
  usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 }, completion_tokens_details: { reasoning_tokens: 8 } },
};

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-msg-')), 'ledger.db');
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: { local: { type: 'openai-compatible', base_url: `${upstream.url}/v1` } },
    models: { 'claude-sonnet-4-5': { deployments: ['local/up-model'] } },
  });
  client = anthropicClient(gateway);
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

describe('Messages door → OpenAI-compatible upstream', () => {
  it('translates the request and answers a message with thinking, text, tool_use and cached usage', async () => {
    upstream.reply({ json: toolAnswer });
    const msg = await client.messages.create(
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 4000,
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Lyon?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } }] }],
        tools: [weatherTool],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        thinking: { type: 'enabled', budget_tokens: 2048 },
        stop_sequences: ['END'],
        // sampling fields older clients send; this SDK's types no longer list them
        ...({ temperature: 0.5, top_p: 0.9, top_k: 40 } as object),
        metadata: { user_id: 'user-7' },
      },
      { headers: { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
    );

    const sent = upstream.lastRequest.json;
    expect(sent.model).toBe('up-model');
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Lyon?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } }] },
    ]);
    expect(sent.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: weatherTool.input_schema } }]);
    expect(sent.tool_choice).toBe('required');
    expect(sent.parallel_tool_calls).toBe(false);
    expect(sent.reasoning_effort).toBe('low');
    expect(sent).toMatchObject({ max_tokens: 4000, stop: ['END'], temperature: 0.5, top_p: 0.9, top_k: 40, user: 'user-7' });
    expect(sent.stream).toBeUndefined();

    expect(msg.type).toBe('message');
    expect(msg.role).toBe('assistant');
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.model).toBe('up-model');
    expect(msg.content).toEqual([
      { type: 'thinking', thinking: 'Need the weather tool.', signature: '' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Lyon' } },
    ]);
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.stop_sequence).toBeNull();
    // OpenAI counts cached tokens inside prompt_tokens; Anthropic counts them apart
    expect(msg.usage).toEqual({ input_tokens: 20, output_tokens: 30, cache_creation_input_tokens: null, cache_read_input_tokens: 100 });

    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM requests WHERE id = ?').get(msg.id) as Record<string, unknown>;
      expect(row).toMatchObject({ requested_model: 'claude-sonnet-4-5', provider: 'local', served_model: 'up-model', input_tokens: 120, cached_input_tokens: 100, output_tokens: 30, reasoning_tokens: 8, status: 200, stream: 0 });
    } finally {
      db.close();
    }
  });

  it('sends a tool_use / tool_result round trip upstream as tool_calls and a tool message', async () => {
    upstream.reply({ json: { ...toolAnswer, choices: [{ index: 0, message: { role: 'assistant', content: 'Sunny, 21°C.' }, finish_reason: 'stop' }] } });
    const msg = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Lyon?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'c2ln' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Lyon' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '21°C, sunny' }], is_error: false }, { type: 'text', text: 'Short please.' }] },
      ],
    });
    expect(upstream.lastRequest.json.messages).toEqual([
      { role: 'user', content: 'Weather in Lyon?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '21°C, sunny' },
      { role: 'user', content: 'Short please.' },
    ]);
    expect(msg.content).toEqual([{ type: 'text', text: 'Sunny, 21°C.' }]);
    expect(msg.stop_reason).toBe('end_turn');
  });

  it('maps a length finish to max_tokens', async () => {
    upstream.reply({ json: { ...toolAnswer, choices: [{ index: 0, message: { role: 'assistant', content: 'Once upon' }, finish_reason: 'length' }] } });
    const cut = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 2, messages: [{ role: 'user', content: 'Tell a story' }] });
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.content).toEqual([{ type: 'text', text: 'Once upon' }]);
  });

  it('streams the exact Messages event sequence, read by the SDK', async () => {
    upstream.reply({
      sse: openAIFrames([
        chunk({ role: 'assistant', reasoning_content: 'Think' }),
        chunk({ reasoning_content: 'ing.' }),
        chunk({ content: 'Let me ' }),
        chunk({ content: 'check.' }),
        chunk({ tool_calls: [{ index: 0, id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Lyon"}' } }] }),
        chunk({}, 'tool_calls'),
        { ...(chunk({}) as object), choices: [], usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62, prompt_tokens_details: { cached_tokens: 10 } } },
      ]),
    });
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Lyon?' }],
    });
    const texts: string[] = [];
    const json: string[] = [];
    stream.on('text', (t) => texts.push(t));
    stream.on('inputJson', (partial) => json.push(partial));
    const msg = await stream.finalMessage();
    expect(upstream.lastRequest.json.stream).toBe(true);
    expect(texts).toEqual(['Let me ', 'check.']);
    expect(json).toEqual(['{"city":', '"Lyon"}']);
    expect(msg.content).toEqual([
      { type: 'thinking', thinking: 'Thinking.', signature: '' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_9', name: 'get_weather', input: { city: 'Lyon' } },
    ]);
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.usage).toMatchObject({ input_tokens: 40, output_tokens: 12, cache_read_input_tokens: 10, cache_creation_input_tokens: null });

    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM requests WHERE id = ?').get(msg.id) as Record<string, unknown>;
      expect(row).toMatchObject({ input_tokens: 50, cached_input_tokens: 10, output_tokens: 12, stream: 1, partial: 0, status: 200 });
    } finally {
      db.close();
    }
  });

  it('streams frames in order with correct block indexes (raw wire)', async () => {
    upstream.reply({
      sse: openAIFrames([
        chunk({ role: 'assistant', content: 'Hi' }),
        chunk({}, 'stop'),
        { ...(chunk({}) as object), choices: [], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } },
      ]),
    });
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'anything', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, stream: true, stop_sequences: ['\n\n'], messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-switchyard-route')).toBeTruthy();
    const text = await res.text();
    expect(eventTypes(text)).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const data = [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, any>);
    expect(data[2]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    expect(data[3]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } });
    expect(data[5]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 5, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: null },
    });
  });

  it('ends a stream the upstream cuts with an error event, which the SDK raises', async () => {
    upstream.reply({ sse: openAIFrames([chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' })]), cutAfterFrames: 2, frameDelayMs: 30 });
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await res.text();
    const types = eventTypes(text);
    expect(types.at(-1)).toBe('error');
    expect(types).not.toContain('message_stop');
    const last = JSON.parse(text.trim().split('\n').at(-1)!.slice('data: '.length));
    expect(last).toMatchObject({ type: 'error', error: { type: 'api_error' } });

    upstream.reply({ sse: openAIFrames([chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' })]), cutAfterFrames: 2, frameDelayMs: 30 });
    const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const failure = await stream.finalMessage().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect(String((failure as Error).message)).toMatch(/Provider 'local' closed the connection/);
  });
});
