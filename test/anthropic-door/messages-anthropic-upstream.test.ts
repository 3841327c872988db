import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readOwnFixture, readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicClient } from './anthropic-door-kit.js';

/**
 * The Anthropic SDK through the Messages door to an Anthropic upstream, replaying recorded Messages API
 * bodies and streams: what a direct client of the upstream would see (text, thinking, client tool calls,
 * stop reason, usage with cache reads and writes) comes back through the canonical request and answer.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    // translated, not passed through: this file checks the canonical translation both ways (messages-pass-through.test.ts the other)
    providers: { claude: { type: 'anthropic', api_key: 'sk-ant-door-secret', base_url: `${upstream.url}/v1`, pass_through: false } },
    models: { 'claude-sonnet-4-5': { deployments: ['claude/claude-sonnet-4-5-20250929'] } },
  });
  client = anthropicClient(gateway);
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

const json = (name: string) => JSON.parse(readOwnFixture(`anthropic/${name}`)) as unknown;
const sse = (name: string) => framesFromChunks(readOwnFixture(`anthropic/${name}`), { events: true });

describe('Messages door → Anthropic upstream, translated (pass_through: false)', () => {
  it('keeps cache reads and writes apart from input_tokens, as Anthropic counts them', async () => {
    upstream.reply({ json: json('text-cached.json') });
    const msg = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: 'You answer geography questions.',
      messages: [{ role: 'user', content: 'Where does the Rhine rise?' }],
      metadata: { user_id: 'u-1' },
    });
    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('sk-ant-door-secret');
    expect(sent.json).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 300,
      system: 'You answer geography questions.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Where does the Rhine rise?' }] }],
      metadata: { user_id: 'u-1' },
    });
    expect(msg.content).toEqual([{ type: 'text', text: 'The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.' }]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(msg.usage).toEqual({ input_tokens: 21, output_tokens: 17, cache_creation_input_tokens: 350, cache_read_input_tokens: 2048 });
  });

  it("sends the client's exact thinking budget, however it compares with the effort steps", async () => {
    for (const [budget, maxTokens] of [
      [1024, 2000],
      [12_000, 20_000],
      [50_000, 64_000],
    ] as const) {
      upstream.reply({ json: json('text-cached.json') });
      await client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: maxTokens,
        thinking: { type: 'enabled', budget_tokens: budget },
        messages: [{ role: 'user', content: 'Where does the Rhine rise?' }],
      });
      expect(upstream.lastRequest.json).toMatchObject({ max_tokens: maxTokens, thinking: { type: 'enabled', budget_tokens: budget } });
    }
  });

  it('streams cached usage in message_start and the final counts in message_delta', async () => {
    upstream.reply({ sse: sse('text-cached.chunks.txt') });
    const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 300, messages: [{ role: 'user', content: 'Where does the Rhine rise?' }] });
    let started: Anthropic.Message | undefined;
    stream.on('streamEvent', (e) => {
      if (e.type === 'message_start') started = e.message;
    });
    const msg = await stream.finalMessage();
    expect(upstream.lastRequest.json.stream).toBe(true);
    expect(started?.usage).toMatchObject({ input_tokens: 21, cache_creation_input_tokens: 350, cache_read_input_tokens: 2048 });
    expect(msg.content).toEqual([{ type: 'text', text: 'The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.' }]);
    expect(msg.usage).toEqual({ input_tokens: 21, output_tokens: 17, cache_creation_input_tokens: 350, cache_read_input_tokens: 2048 });
    expect(msg.stop_reason).toBe('end_turn');
  });

  it('passes signed and redacted thinking and client tool calls through, whole and streamed, and skips server-tool blocks', async () => {
    const request = {
      model: 'claude-sonnet-4-5',
      max_tokens: 16000,
      thinking: { type: 'enabled' as const, budget_tokens: 4096 },
      tools: [
        { name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, unit: { type: 'string' } } } },
        { name: 'current_time', input_schema: { type: 'object' as const } },
      ],
      tool_choice: { type: 'auto' as const },
      messages: [{ role: 'user' as const, content: 'Weather and time in Lyon?' }],
    };
    const expected = [
      { type: 'thinking', thinking: 'The user wants the weather in Lyon and the time there.', signature: 'c2lnbmF0dXJlLW9uZQ==' },
      { type: 'redacted_thinking', data: 'b3BhcXVlLXJlYXNvbmluZw==' },
      { type: 'text', text: 'Let me check both for you.' },
      { type: 'tool_use', id: 'toolu_sy_weather', name: 'get_weather', input: { city: 'Lyon', unit: 'celsius' } },
      { type: 'tool_use', id: 'toolu_sy_clock', name: 'current_time', input: {} },
    ];

    upstream.reply({ json: json('thinking-tools.json') });
    const whole = await client.messages.create(request);
    expect(upstream.lastRequest.json).toMatchObject({
      max_tokens: 16000,
      thinking: { type: 'enabled', budget_tokens: 4096 },
      tools: [{ name: 'get_weather', input_schema: request.tools[0]!.input_schema }, { name: 'current_time', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto' },
    });
    expect(whole.content).toEqual(expected);
    expect(whole.stop_reason).toBe('tool_use');
    expect(whole.usage).toEqual({ input_tokens: 410, output_tokens: 96, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });

    upstream.reply({ sse: sse('thinking-tools.chunks.txt') });
    const streamed = await client.messages.stream(request).finalMessage();
    expect(streamed.content).toEqual(expected);
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.usage).toEqual(whole.usage);
  });

  it('answers a refusal with stop_reason refusal and the text said before it', async () => {
    upstream.reply({ sse: sse('refusal.chunks.txt') });
    const msg = await client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Something bad' }] }).finalMessage();
    expect(msg.stop_reason).toBe('refusal');
    expect(msg.content).toEqual([{ type: 'text', text: 'I can' }]);
  });

  it('keeps stop_sequence: the sequence is named when the client gave exactly one', async () => {
    const body = { ...(json('text-cached.json') as object), stop_reason: 'stop_sequence', stop_sequence: '###' };
    upstream.reply({ json: body });
    const msg = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, stop_sequences: ['###'], messages: [{ role: 'user', content: 'x' }] });
    expect(upstream.lastRequest.json.stop_sequences).toEqual(['###']);
    expect(msg.stop_reason).toBe('stop_sequence');
    expect(msg.stop_sequence).toBe('###');
  });

  it('answers an upstream 529 as Anthropic would: overloaded_error, status 529', async () => {
    upstream.reply({ status: 529, json: json('error-529.json') });
    const failure = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.InternalServerError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect((failure as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  describe.skipIf(!sharedFixturesDir)(`recorded Anthropic traffic (vercel-ai) ${sharedFixturesSkipReason}`, () => {
    const dir = 'vercel-ai/packages/anthropic/src/__fixtures__';
    it('replays anthropic-text: text and usage as the upstream reported them', async () => {
      upstream.reply({ sse: framesFromChunks(readSharedFixture(`${dir}/anthropic-text.chunks.txt`), { events: true }) });
      const streamed = await client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] }).finalMessage();
      expect(streamed.content).toEqual([{ type: 'text', text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?" }]);
      expect(streamed.usage).toEqual({ input_tokens: 12, output_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });

      upstream.reply({ json: JSON.parse(readSharedFixture(`${dir}/anthropic-text.json`)) as unknown });
      const whole = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] });
      expect(whole.stop_reason).toBe('end_turn');
      expect(whole.content).toEqual([{ type: 'text', text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?" }]);
      expect(whole.usage).toEqual({ input_tokens: 12, output_tokens: 29, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    });

    it('replays a stream whose message_delta corrects input_tokens', async () => {
      upstream.reply({ sse: framesFromChunks(readSharedFixture(`${dir}/anthropic-message-delta-input-tokens.chunks.txt`), { events: true }) });
      const msg = await client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'ping' }] }).finalMessage();
      expect(msg.content).toEqual([{ type: 'text', text: 'pong' }]);
      expect(msg.usage).toMatchObject({ input_tokens: 61, output_tokens: 2 });
    });
  });
});
