import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readSharedFixture, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { collectEvents, deltas, finalResponse, messageText, typesOf } from './responses-kit.js';

/**
 * Responses in, Anthropic Messages out: recorded Anthropic answers (thinking, text, tool use) replayed from
 * a fake upstream, read by the official openai SDK as Responses output items and events.
 */
const FIXTURES = 'vercel-ai/packages/anthropic/src/__fixtures__';
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    providers: { claude: { type: 'anthropic', api_key: 'sk-ant-test-secret', base_url: `${upstream.url}/v1` } },
    models: { sonnet: { deployments: ['claude/claude-sonnet-4-5'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

const fixtureJson = (name: string) => JSON.parse(readSharedFixture(`${FIXTURES}/${name}`)) as Record<string, any>;
const fixtureLines = (name: string) =>
  readSharedFixture(`${FIXTURES}/${name}`)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, any>);

const sse = (payload: Record<string, unknown>) => `event: ${String(payload.type)}\ndata: ${JSON.stringify(payload)}\n\n`;

describe.skipIf(sharedFixturesSkipReason !== '')('Responses in, Anthropic Messages out', () => {
  it('reasoning.effort asks Anthropic for a thinking budget', async () => {
    upstream.reply({ json: fixtureJson('anthropic-clear-thinking.1.json') });
    await gateway.client.responses.create({ model: 'sonnet', input: 'Divide 925 by 5.', reasoning: { effort: 'high', summary: 'auto' }, max_output_tokens: 8000 });
    expect(upstream.lastRequest.json.thinking).toMatchObject({ type: 'enabled', budget_tokens: expect.any(Number) });
    expect(upstream.lastRequest.json.thinking.budget_tokens).toBeLessThan(8000);
  });

  it('thinking and text, whole: a reasoning item, a message, usage; instructions become the system prompt', async () => {
    const recorded = fixtureJson('anthropic-clear-thinking.1.json');
    upstream.reply({ json: recorded });
    const res = await gateway.client.responses.create({
      model: 'sonnet',
      instructions: 'Be exact.',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Divide 925 by 5.' }] }],
      max_output_tokens: 2048,
      temperature: 1,
    });
    const thinking = recorded.content.find((c: any) => c.type === 'thinking').thinking;
    const text = recorded.content.find((c: any) => c.type === 'text').text;
    expect(res.status).toBe('completed');
    expect(res.output.map((o) => o.type)).toEqual(['reasoning', 'message']);
    expect(res.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: thinking }] });
    expect(res.output_text).toBe(text);
    expect(res.usage).toMatchObject({ input_tokens: recorded.usage.input_tokens, output_tokens: recorded.usage.output_tokens });
    expect(res.usage?.total_tokens).toBe(recorded.usage.input_tokens + recorded.usage.output_tokens);

    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('sk-ant-test-secret');
    expect(sent.json).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      temperature: 1,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Divide 925 by 5.' }] }],
    });
    expect(JSON.stringify(sent.json.system)).toContain('Be exact.');
  });

  it('thinking and text, streamed: reasoning summary deltas, then text deltas, then response.completed', async () => {
    const chunks = fixtureLines('anthropic-clear-thinking.1.chunks.txt');
    upstream.reply({ sse: framesFromChunks(readSharedFixture(`${FIXTURES}/anthropic-clear-thinking.1.chunks.txt`), { events: true }) });
    const events = await collectEvents(await gateway.client.responses.create({ model: 'sonnet', input: 'Divide 925 by 5.', stream: true }));
    const thinking = chunks.filter((c) => c.delta?.type === 'thinking_delta').map((c) => c.delta.thinking).join('');
    const text = chunks.filter((c) => c.delta?.type === 'text_delta').map((c) => c.delta.text).join('');
    expect(deltas(events, 'response.reasoning_summary_text.delta')).toBe(thinking);
    expect(deltas(events, 'response.output_text.delta')).toBe(text);
    const types = typesOf(events);
    expect(types[0]).toBe('response.created');
    expect(types.indexOf('response.reasoning_summary_text.done')).toBeLessThan(types.indexOf('response.output_text.delta'));
    expect(types.at(-1)).toBe('response.completed');
    const done = finalResponse(events);
    expect(done.output.map((o) => o.type)).toEqual(['reasoning', 'message']);
    expect(messageText(done)).toBe(text);
    const finalUsage = chunks.find((c) => c.type === 'message_delta')!.usage;
    expect(done.usage).toMatchObject({ input_tokens: finalUsage.input_tokens, output_tokens: finalUsage.output_tokens });
    expect(upstream.lastRequest.json.stream).toBe(true);
  });

  it('a tool use becomes a function_call item; its output goes back as tool_use and tool_result blocks', async () => {
    const recorded = fixtureJson('anthropic-tool-no-args.json');
    const use = recorded.content.find((c: any) => c.type === 'tool_use');
    upstream.reply({ json: recorded });
    const tools = [{ type: 'function' as const, name: 'updateIssueList', description: 'Refresh the issues', parameters: { type: 'object', properties: {} }, strict: false }];
    const first = await gateway.client.responses.create({ model: 'sonnet', input: 'Update the issue list.', tools, tool_choice: 'required' });
    expect(first.output.map((o) => o.type)).toEqual(['message', 'function_call']);
    expect(first.output[1]).toMatchObject({ type: 'function_call', call_id: use.id, name: 'updateIssueList', arguments: '{}', status: 'completed' });
    expect(first.output_text).toBe(recorded.content[0].text);
    expect(upstream.lastRequest.json).toMatchObject({
      tools: [{ name: 'updateIssueList', description: 'Refresh the issues', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'any' },
    });

    upstream.reply({ json: fixtureJson('anthropic-text.json') });
    await gateway.client.responses.create({
      model: 'sonnet',
      tools,
      input: [{ role: 'user', content: 'Update the issue list.' }, ...first.output.map((o) => o as never), { type: 'function_call_output', call_id: use.id, output: 'done: 3 issues' }],
    });
    const messages = upstream.lastRequest.json.messages;
    expect(messages[1]).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: recorded.content[0].text }, { type: 'tool_use', id: use.id, name: 'updateIssueList', input: {} }] });
    expect(JSON.stringify(messages[2])).toContain(`"tool_use_id":"${use.id}"`);
    expect(JSON.stringify(messages[2])).toContain('done: 3 issues');
  });

  it('a streamed tool use: arguments as function_call_arguments deltas', async () => {
    upstream.reply({
      sse: [
        sse({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 40, output_tokens: 1 } } }),
        sse({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: {} } }),
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } }),
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } }),
        sse({ type: 'content_block_stop', index: 0 }),
        sse({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } }),
        sse({ type: 'message_stop' }),
      ],
    });
    const events = await collectEvents(
      await gateway.client.responses.create({
        model: 'sonnet',
        input: 'Weather in Oslo?',
        stream: true,
        tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }],
      }),
    );
    expect(deltas(events, 'response.function_call_arguments.delta')).toBe('{"city":"Oslo"}');
    const done = finalResponse(events);
    expect(done.output).toEqual([{ id: expect.stringMatching(/^fc_/), type: 'function_call', status: 'completed', call_id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
    expect(done.usage).toMatchObject({ input_tokens: 40, output_tokens: 12, total_tokens: 52 });
  });

  it('text.format json_schema reaches Anthropic as output_config.format', async () => {
    upstream.reply({ json: fixtureJson('anthropic-text.json') });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    await gateway.client.responses.create({ model: 'sonnet', input: 'Hi', text: { format: { type: 'json_schema', name: 'reply', schema, strict: true } } });
    expect(upstream.lastRequest.json.output_config).toEqual({ format: { type: 'json_schema', schema } });
  });
});
