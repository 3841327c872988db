import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceCase } from '../../conformance/conformance-case.js';
import { anthropicCases } from '../../conformance/cases/anthropic.js';
import { replyFor } from '../../conformance/replay-case.js';
import { sharedFixturesDir } from '../../support/shared-fixtures.js';
import type { Usage } from '../../../src/spec/usage.js';
import { call, canonicalFromWire, collect, parsedToolCalls, startHarness, type Harness } from './anthropic-test-kit.js';

/**
 * The conformance cases, asserted at the adapter: the same expectations the gateway runner checks through
 * the openai SDK, read here off the canonical result (usage in OpenAI's meaning either way).
 */


function openAIUsage(usage: Usage | undefined) {
  return {
    prompt_tokens: usage?.inputTokens,
    completion_tokens: usage?.outputTokens,
    cached_tokens: usage?.cachedInputTokens,
    reasoning_tokens: usage?.reasoningTokens,
  };
}

function runCase(c: ConformanceCase, harness: () => Harness): void {
  it(c.name, async () => {
    const { upstream, adapter } = harness();
    upstream.reply(replyFor(c));
    const request = canonicalFromWire(c.request, c.stream);
    let text: string | null;
    let reasoning: string;
    let toolCalls: Array<{ name: string; arguments: unknown }>;
    let finishReason: string;
    let usage: Usage | undefined;
    if (c.stream) {
      const got = await collect(await adapter.streamChat(call(request, c.upstreamModel)));
      expect(got.parts[0]?.type).toBe('meta');
      expect(got.finish).toHaveLength(1);
      text = got.text;
      reasoning = got.reasoning;
      toolCalls = got.toolCalls.map((t) => ({ name: t.name, arguments: JSON.parse(t.arguments) as unknown }));
      finishReason = got.finish[0]!.reason;
      usage = got.usage;
    } else {
      const result = await adapter.chat(call(request, c.upstreamModel));
      text = result.text;
      reasoning = result.reasoning ?? '';
      toolCalls = parsedToolCalls(result.toolCalls);
      finishReason = result.finishReason;
      usage = result.usage;
    }
    if (c.expect.text !== undefined) expect(text).toEqual(c.expect.text);
    if (c.expect.reasoning !== undefined) expect(reasoning).toBe(c.expect.reasoning);
    expect(toolCalls).toEqual(c.expect.toolCalls ?? []);
    expect(finishReason).toBe(c.expect.finishReason);
    if (c.expect.usage) {
      const got = openAIUsage(usage);
      for (const [key, value] of Object.entries(c.expect.usage)) expect(got[key as keyof typeof got], key).toBe(value);
    }
    const sent = upstream.lastRequest;
    if (c.expectPath instanceof RegExp) expect(sent.url).toMatch(c.expectPath);
    else if (c.expectPath !== undefined) expect(sent.url).toBe(c.expectPath);
    c.expectUpstream?.(sent);
  });
}

describe('anthropic conformance cases at the adapter', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('covers text, thinking, tool calls, no-argument tool calls, cache usage, both modes, and our own fixtures', () => {
    const names = anthropicCases.map((c) => c.name).join('\n');
    for (const word of ['text', 'thinking', 'tool call', 'without arguments', 'cache read', 'streamed']) {
      expect(names).toContain(word);
    }
    expect(anthropicCases.some((c) => !c.stream)).toBe(true);
    expect(anthropicCases.some((c) => 'own' in c.source)).toBe(true);
  });

  describe('own fixtures', () => {
    for (const c of anthropicCases.filter((k) => 'own' in k.source)) runCase(c, () => harness);
  });

  describe.skipIf(!sharedFixturesDir)('shared recordings', () => {
    for (const c of anthropicCases.filter((k) => 'shared' in k.source)) runCase(c, () => harness);
  });
});
