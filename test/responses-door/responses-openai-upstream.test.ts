import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { collectEvents, deltas, finalResponse, messageText, sequenceNumbers, typesOf } from './responses-kit.js';

/**
 * The official openai SDK's `client.responses.create` against a running gateway whose upstream speaks
 * OpenAI chat completions: the Responses request is translated to chat completions on the way up, and the
 * answer (whole or streamed) back into a `response` object and the Responses event sequence.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;
let dbPath: string;

const completion = (message: Record<string, unknown>, finish = 'stop', usage: Record<string, unknown> = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }) => ({
  json: {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'Qwen/Qwen3-32B',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage,
  },
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'Qwen/Qwen3-32B', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const usageChunk = (usage: Record<string, unknown>) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'Qwen/Qwen3-32B', choices: [], usage })}\n\n`;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-responses-')), 'ledger.db');
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
    models: { qwen3: { deployments: ['local/Qwen/Qwen3-32B'] }, 'qwen-vl': { deployments: ['local/Qwen/Qwen3-VL-8B-Instruct'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

function ledgerRow(id: string): Record<string, unknown> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

describe('Responses in, OpenAI chat completions out', () => {
  it('text with instructions and reasoning: the response object, the upstream request and the ledger row', async () => {
    upstream.reply(
      completion({ content: 'Paris.', reasoning_content: 'The capital of France is Paris.' }, 'stop', {
        prompt_tokens: 20,
        completion_tokens: 9,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 8 },
        completion_tokens_details: { reasoning_tokens: 6 },
      }),
    );
    const { data: res, response: http } = await gateway.client.responses
      .create({
        model: 'qwen3',
        instructions: 'Answer in one word.',
        input: 'What is the capital of France?',
        max_output_tokens: 64,
        temperature: 0.3,
        top_p: 0.9,
        reasoning: { effort: 'low' },
        store: false,
        metadata: { ticket: 'T-1' },
        user: 'u-42',
      })
      .withResponse();
    expect(res.object).toBe('response');
    expect(res.id).toMatch(/^resp_/);
    expect(res.status).toBe('completed');
    expect(res.model).toBe('Qwen/Qwen3-32B');
    expect(res.output_text).toBe('Paris.');
    expect(res.output).toEqual([
      { id: expect.stringMatching(/^rs_/), type: 'reasoning', summary: [{ type: 'summary_text', text: 'The capital of France is Paris.' }] },
      {
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Paris.', annotations: [] }],
      },
    ]);
    expect(res.usage).toEqual({
      input_tokens: 20,
      input_tokens_details: { cached_tokens: 8 },
      output_tokens: 9,
      output_tokens_details: { reasoning_tokens: 6 },
      total_tokens: 29,
      cost: null,
    });
    expect(http.headers.get('x-switchyard-request-id')).toBe(res.id);
    expect(http.headers.get('x-switchyard-route')).toContain('local');

    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.json).toEqual({
      model: 'Qwen/Qwen3-32B',
      messages: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      max_tokens: 64,
      temperature: 0.3,
      top_p: 0.9,
      reasoning_effort: 'low',
      user: 'u-42',
    });

    const row = ledgerRow(res.id);
    expect(row).toMatchObject({
      requested_model: 'qwen3',
      provider: 'local',
      served_model: 'Qwen/Qwen3-32B',
      input_tokens: 20,
      cached_input_tokens: 8,
      output_tokens: 9,
      reasoning_tokens: 6,
      status: 200,
      stream: 0,
      partial: 0,
      error_code: null,
    });
  });

  it('streams text and reasoning as the Responses event sequence, usage on response.completed', async () => {
    upstream.reply({
      sse: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ reasoning_content: 'Think' }),
        chunk({ reasoning_content: 'ing.' }),
        chunk({ content: 'Hello' }),
        chunk({ content: ', world' }),
        chunk({}, 'stop'),
        usageChunk({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 }),
        'data: [DONE]\n\n',
      ],
    });
    const stream = await gateway.client.responses.create({ model: 'qwen3', input: [{ role: 'user', content: 'Hi' }], stream: true });
    const events = await collectEvents(stream);
    expect(typesOf(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(sequenceNumbers(events)).toEqual(events.map((_, i) => i));
    expect(deltas(events, 'response.output_text.delta')).toBe('Hello, world');
    expect(deltas(events, 'response.reasoning_summary_text.delta')).toBe('Thinking.');
    const done = finalResponse(events);
    expect(done.status).toBe('completed');
    expect(messageText(done)).toBe('Hello, world');
    expect(done.output.map((o) => o.type)).toEqual(['reasoning', 'message']);
    expect(done.usage).toEqual({ input_tokens: 5, output_tokens: 4, total_tokens: 9, cost: null });
    // the upstream was asked to stream, with usage
    expect(upstream.lastRequest.json).toMatchObject({ stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Hi' }] });

    const row = ledgerRow(done.id);
    expect(row).toMatchObject({ requested_model: 'qwen3', input_tokens: 5, output_tokens: 4, stream: 1, partial: 0, status: 200 });
  });

  it('the SDK helper stream: finalResponse() and text deltas', async () => {
    upstream.reply({ sse: [chunk({ role: 'assistant', content: 'One' }), chunk({ content: ' two' }), chunk({}, 'stop'), usageChunk({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }), 'data: [DONE]\n\n'] });
    const stream = gateway.client.responses.stream({ model: 'qwen3', input: 'Count' });
    let text = '';
    stream.on('response.output_text.delta', (e) => (text += e.delta));
    const final = await stream.finalResponse();
    expect(text).toBe('One two');
    expect(final.output_text).toBe('One two');
  });

  it('a function call, then the function_call_output round trip', async () => {
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
        strict: true,
      },
    ];
    upstream.reply(
      completion({ content: null, tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }, 'tool_calls'),
    );
    const first = await gateway.client.responses.create({ model: 'qwen3', input: 'Weather in Oslo?', tools, tool_choice: 'auto', parallel_tool_calls: false });
    expect(first.status).toBe('completed');
    expect(first.output).toEqual([
      { id: expect.stringMatching(/^fc_/), type: 'function_call', status: 'completed', call_id: 'call_abc', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    ]);
    expect(upstream.lastRequest.json).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: tools[0]!.parameters, strict: true } }],
      tool_choice: 'auto',
      parallel_tool_calls: false,
    });

    upstream.reply(completion({ content: 'It is 12°C in Oslo.' }));
    const second = await gateway.client.responses.create({
      model: 'qwen3',
      tools,
      tool_choice: { type: 'function', name: 'get_weather' },
      input: [
        { role: 'user', content: 'Weather in Oslo?' },
        ...first.output.map((o) => o as never),
        { type: 'function_call_output', call_id: 'call_abc', output: '{"temp_c":12}' },
      ],
    });
    expect(second.output_text).toBe('It is 12°C in Oslo.');
    expect(upstream.lastRequest.json.messages).toEqual([
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_abc', content: '{"temp_c":12}' },
    ]);
    expect(upstream.lastRequest.json.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
  });

  it('streams function call arguments', async () => {
    upstream.reply({
      sse: [
        chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'add', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":1,' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"b":2}' } }] }),
        chunk({}, 'tool_calls'),
        usageChunk({ prompt_tokens: 30, completion_tokens: 10, total_tokens: 40 }),
        'data: [DONE]\n\n',
      ],
    });
    const stream = await gateway.client.responses.create({
      model: 'qwen3',
      input: 'Add 1 and 2',
      stream: true,
      tools: [{ type: 'function', name: 'add', parameters: { type: 'object' }, strict: false }],
    });
    const events = await collectEvents(stream);
    expect(typesOf(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const argsDone = events.find((e) => e.type === 'response.function_call_arguments.done');
    expect(argsDone).toMatchObject({ arguments: '{"a":1,"b":2}', output_index: 0 });
    const done = finalResponse(events);
    expect(done.output).toEqual([{ id: expect.stringMatching(/^fc_/), type: 'function_call', status: 'completed', call_id: 'call_1', name: 'add', arguments: '{"a":1,"b":2}' }]);
    expect(done.usage).toMatchObject({ input_tokens: 30, output_tokens: 10, total_tokens: 40 });
  });

  it('text.format json_schema becomes response_format upstream', async () => {
    upstream.reply(completion({ content: '{"name":"Ada"}' }));
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
    const res = await gateway.client.responses.create({
      model: 'qwen3',
      input: 'Who wrote the first program?',
      text: { format: { type: 'json_schema', name: 'person', schema, strict: true } },
    });
    expect(JSON.parse(res.output_text)).toEqual({ name: 'Ada' });
    expect(upstream.lastRequest.json.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'person', schema, strict: true } });
  });

  it('a cut-off answer is incomplete with reason max_output_tokens, whole or streamed', async () => {
    upstream.reply(completion({ content: 'Once upon' }, 'length'));
    const res = await gateway.client.responses.create({ model: 'qwen3', input: 'A story', max_output_tokens: 2 });
    expect(res.status).toBe('incomplete');
    expect(res.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(res.output_text).toBe('Once upon');

    upstream.reply({ sse: [chunk({ role: 'assistant', content: 'Once' }), chunk({}, 'length'), 'data: [DONE]\n\n'] });
    const events = await collectEvents(await gateway.client.responses.create({ model: 'qwen3', input: 'A story', max_output_tokens: 1, stream: true }));
    expect(events.at(-1)?.type).toBe('response.incomplete');
    const last = finalResponse(events);
    expect(last.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(last.output[0]).toMatchObject({ type: 'message', status: 'incomplete' });
  });

  it('images in input reach the upstream as image parts', async () => {
    upstream.reply(completion({ content: 'A red dot.' }));
    const dataUrl = 'data:image/png;base64,iVBORw0KGgo=';
    await gateway.client.responses.create({
      model: 'qwen-vl',
      input: [
        { role: 'developer', content: 'Describe briefly.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: dataUrl, detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' },
          ],
        },
      ],
    });
    expect(upstream.lastRequest.json.messages).toEqual([
      { role: 'system', content: 'Describe briefly.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: dataUrl, detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'auto' } },
        ],
      },
    ]);
  });

  it('a stream the upstream cuts ends in an error the SDK raises, and the ledger row says partial', async () => {
    upstream.reply({ sse: [chunk({ role: 'assistant', content: 'Half' }), chunk({ content: ' an answer' }), chunk({}, 'stop')], frameDelayMs: 20, cutAfterFrames: 2 });
    const stream = await gateway.client.responses.create({ model: 'qwen3', input: 'Go', stream: true });
    const seen: string[] = [];
    let id = '';
    const err = await (async () => {
      try {
        for await (const ev of stream) {
          seen.push(ev.type);
          if (ev.type === 'response.created') id = ev.response.id;
        }
      } catch (e) {
        return e as Error & { status?: number; code?: string };
      }
      return undefined;
    })();
    expect(err).toBeDefined();
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err?.code).toMatch(/upstream_connection_failed|stream_interrupted/);
    expect(seen).toContain('response.output_text.delta');
    expect(seen).not.toContain('response.completed');
    const row = ledgerRow(id);
    expect(row).toMatchObject({ partial: 1, stream: 1 });
    expect(row.error_code).toBe(err?.code);
  });
});
