import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readOwnFixture, readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicClient } from './anthropic-door-kit.js';

/**
 * Extended thinking with tool use over two turns, the Anthropic SDK through the Messages door to an
 * Anthropic upstream: turn 1's thinking reaches the client with its exact signature (whole, and as a
 * `signature_delta` in streams), and turn 2's history reaches the upstream with that thinking first in
 * the assistant turn, signature intact, as Anthropic requires when thinking and tools are combined.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    // translated, not passed through: signatures kept through the canonical request and answer
    providers: { claude: { type: 'anthropic', api_key: 'sk-ant-sig-secret', base_url: `${upstream.url}/v1`, pass_through: false } },
    models: { 'claude-sonnet-4-5': { deployments: ['claude/claude-sonnet-4-5-20250929'] } },
  });
  client = anthropicClient(gateway);
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

const SIGNATURE = 'c2lnbmF0dXJlLW9uZQ==';
const REDACTED = 'b3BhcXVlLXJlYXNvbmluZw==';
const THINKING = 'The user wants the weather in Lyon and the time there.';

const tools = [
  { name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, unit: { type: 'string' } } } },
  { name: 'current_time', input_schema: { type: 'object' as const } },
];
const base = { model: 'claude-sonnet-4-5', max_tokens: 16000, thinking: { type: 'enabled' as const, budget_tokens: 4096 }, tools };
const question = { role: 'user' as const, content: 'Weather and time in Lyon?' };

const ownJson = (name: string) => JSON.parse(readOwnFixture(`anthropic/${name}`)) as Record<string, unknown>;
const ownSse = (name: string) => framesFromChunks(readOwnFixture(`anthropic/${name}`), { events: true });

/** Turn 1's assistant content, then the tool results, as a client sends them back for turn 2. */
function secondTurn(assistant: Anthropic.ContentBlock[]): Anthropic.MessageParam[] {
  return [
    question,
    { role: 'assistant', content: assistant as Anthropic.ContentBlockParam[] },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_sy_weather', content: '14°C, light rain' },
        { type: 'tool_result', tool_use_id: 'toolu_sy_clock', content: '15:42' },
      ],
    },
  ];
}

/** The assistant turn the upstream must receive in turn 2: the thinking first, signed, then text and tool calls. */
const expectedAssistantTurn = {
  role: 'assistant',
  content: [
    { type: 'thinking', thinking: THINKING, signature: SIGNATURE },
    { type: 'redacted_thinking', data: REDACTED },
    { type: 'text', text: 'Let me check both for you.' },
    { type: 'tool_use', id: 'toolu_sy_weather', name: 'get_weather', input: { city: 'Lyon', unit: 'celsius' } },
    { type: 'tool_use', id: 'toolu_sy_clock', name: 'current_time', input: {} },
  ],
};

describe('thinking signatures, Messages door → Anthropic upstream', () => {
  it('whole answers: the client gets the exact signature, and turn 2 sends the signed thinking back first', async () => {
    upstream.reply({ json: ownJson('thinking-tools.json') });
    const turn1 = await client.messages.create({ ...base, messages: [question] });
    expect(turn1.content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: THINKING, signature: SIGNATURE },
      { type: 'redacted_thinking', data: REDACTED },
    ]);

    upstream.reply({ json: ownJson('text-cached.json') });
    await client.messages.create({ ...base, messages: secondTurn(turn1.content) });
    const sent = upstream.lastRequest.json as { messages: unknown[] };
    expect(sent.messages).toHaveLength(3);
    expect(sent.messages[1]).toEqual(expectedAssistantTurn);
    expect(sent.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_sy_weather', content: '14°C, light rain' },
        { type: 'tool_result', tool_use_id: 'toolu_sy_clock', content: '15:42' },
      ],
    });
  });

  it('streams: signature_delta before the thinking block stops, redacted thinking whole, and turn 2 sends both back', async () => {
    upstream.reply({ sse: ownSse('thinking-tools.chunks.txt') });
    const stream = client.messages.stream({ ...base, messages: [question] });
    const events: Anthropic.MessageStreamEvent[] = [];
    stream.on('streamEvent', (e) => events.push(e));
    const turn1 = await stream.finalMessage();

    const thinkingEvents = events.filter((e) => 'index' in e && e.index === 0).map((e) => (e.type === 'content_block_delta' ? e.delta.type : e.type));
    expect(thinkingEvents).toEqual(['content_block_start', 'thinking_delta', 'thinking_delta', 'signature_delta', 'content_block_stop']);
    const signatureDelta = events.find((e) => e.type === 'content_block_delta' && e.delta.type === 'signature_delta');
    expect(signatureDelta).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: SIGNATURE } });
    const redacted = events.filter((e) => 'index' in e && e.index === 1);
    expect(redacted).toEqual([
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: REDACTED } },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(turn1.content).toEqual(expectedAssistantTurn.content);

    upstream.reply({ sse: ownSse('text-cached.chunks.txt') });
    await client.messages.stream({ ...base, messages: secondTurn(turn1.content) }).finalMessage();
    const sent = upstream.lastRequest.json as { messages: unknown[]; stream?: boolean };
    expect(sent.stream).toBe(true);
    expect(sent.messages[1]).toEqual(expectedAssistantTurn);
  });

  it('drops a thinking block sent back without a signature instead of sending Anthropic an unsigned one', async () => {
    upstream.reply({ json: ownJson('text-cached.json') });
    await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'unsigned', signature: '' }, { type: 'text', text: 'Hello.' }] },
        { role: 'user', content: 'Again' },
      ],
    });
    expect((upstream.lastRequest.json as { messages: unknown[] }).messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] });
  });

  it('answers a signature that is not a string with a 400 naming the field', async () => {
    const failure: unknown = await client.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 42 as unknown as string }] },
          { role: 'user', content: 'Again' },
        ],
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.BadRequestError);
    const error = (failure as InstanceType<typeof Anthropic.BadRequestError>).error;
    expect(error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(JSON.stringify(error)).toContain('messages[1].content[0].signature');
  });

  describe.skipIf(!sharedFixturesDir)(`recorded Anthropic thinking (vercel-ai) ${sharedFixturesSkipReason}`, () => {
    const dir = 'vercel-ai/packages/anthropic/src/__fixtures__';
    const recorded = (name: string) => readSharedFixture(`${dir}/${name}`);

    it('replays anthropic-clear-thinking: the recorded signature reaches the client and goes back upstream verbatim', async () => {
      const body = JSON.parse(recorded('anthropic-clear-thinking.1.json')) as { content: Array<{ type: string; signature?: string }> };
      const wholeSignature = body.content[0]!.signature!;
      upstream.reply({ json: body });
      const whole = await client.messages.create({ ...base, tools: undefined, messages: [{ role: 'user', content: 'Divide by 5' }] });
      expect(whole.content[0]).toEqual({ type: 'thinking', thinking: '925 divided by 5 = 185', signature: wholeSignature });

      const chunks = recorded('anthropic-clear-thinking.1.chunks.txt');
      const streamSignature = /"signature_delta","signature":"([^"]+)"/.exec(chunks)![1]!;
      upstream.reply({ sse: framesFromChunks(chunks, { events: true }) });
      const streamed = await client.messages.stream({ ...base, tools: undefined, messages: [{ role: 'user', content: 'Divide by 5' }] }).finalMessage();
      expect(streamed.content[0]).toMatchObject({ type: 'thinking', signature: streamSignature });

      upstream.reply({ json: ownJson('text-cached.json') });
      await client.messages.create({
        ...base,
        tools: undefined,
        messages: [{ role: 'user', content: 'Divide by 5' }, { role: 'assistant', content: streamed.content as Anthropic.ContentBlockParam[] }, { role: 'user', content: 'And by 37?' }],
      });
      const sent = upstream.lastRequest.json as { messages: Array<{ content: unknown[] }> };
      expect(sent.messages[1]!.content).toEqual([
        { type: 'thinking', thinking: (streamed.content[0] as Anthropic.ThinkingBlock).thinking, signature: streamSignature },
        { type: 'text', text: '925 ÷ 5 = 185' },
      ]);
    });
  });
});
