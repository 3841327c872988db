import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, ToolDefinition } from '../../../src/spec/chat-request.js';
import type { ChatResult } from '../../../src/spec/chat-result.js';
import { replyFor } from '../../conformance/replay-case.js';
import { sharedFixturesDir } from '../../support/shared-fixtures.js';
import type { ConformanceCase } from '../../conformance/conformance-case.js';
import { geminiCases } from '../../conformance/cases/gemini.js';
import { call, collect, startGeminiRig, summarize, type GeminiRig } from './gemini-test-kit.js';

/**
 * The gateway conformance cases for Gemini, asserted at the adapter: the same recordings, the same expected
 * values (mapped from canonical names to what the OpenAI client sees), the same upstream checks.
 */

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig({ apiKey: 'sk-conformance-secret', headers: {} });
});
afterAll(() => rig.close());


/** The case's OpenAI-wire request as the canonical request the ingress would make of it. */
function requestFor(c: ConformanceCase): ChatRequest {
  const wire = c.request ?? {};
  const tools = (wire.tools as Array<{ function: { name: string; description?: string; parameters?: Record<string, unknown> } }> | undefined)
    ?.map((t): ToolDefinition => ({ ...t.function }));
  return {
    model: 'case',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: c.stream,
    includeUsage: c.stream,
    ...(tools && { tools }),
  };
}

async function answer(c: ConformanceCase): Promise<ChatResult> {
  if (!c.stream) return rig.adapter.chat(call(requestFor(c), c.upstreamModel));
  const parts = await collect(await rig.adapter.streamChat(call(requestFor(c), c.upstreamModel)));
  const s = summarize(parts);
  expect(s.finishes).toHaveLength(1);
  expect(s.usages.length).toBe(c.expect.usage ? 1 : 0);
  expect(parts[0]?.type).toBe('meta');
  return {
    text: s.text === '' ? null : s.text,
    ...(s.reasoning !== '' && { reasoning: s.reasoning }),
    toolCalls: s.toolCalls,
    finishReason: s.finishes[0]!.reason,
    usage: s.usages[0],
  };
}

describe.each(geminiCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it.skipIf('shared' in c.source && !sharedFixturesDir)('gives the adapter result the OpenAI client must receive', async () => {
    rig.upstream.reply(replyFor(c));
    const got = await answer(c);
    if (c.expect.text !== undefined) expect(got.text ?? null).toBe(c.expect.text);
    if (c.expect.reasoning !== undefined) expect(got.reasoning).toBe(c.expect.reasoning);
    if (c.expect.toolCalls !== undefined) {
      expect(got.toolCalls.map((t) => ({ name: t.name, arguments: JSON.parse(t.arguments) }))).toEqual(c.expect.toolCalls);
      const ids = got.toolCalls.map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(got.finishReason).toBe(c.expect.finishReason);
    const u = c.expect.usage;
    if (u?.prompt_tokens !== undefined) expect(got.usage?.inputTokens).toBe(u.prompt_tokens);
    if (u?.completion_tokens !== undefined) expect(got.usage?.outputTokens).toBe(u.completion_tokens);
    if (u?.cached_tokens !== undefined) expect(got.usage?.cachedInputTokens).toBe(u.cached_tokens);
    if (u?.reasoning_tokens !== undefined) expect(got.usage?.reasoningTokens).toBe(u.reasoning_tokens);
    const sent = rig.upstream.lastRequest;
    if (c.expectPath !== undefined) expect(sent.url.split('?')[0]).toMatch(c.expectPath);
    expect(sent.body).not.toContain('conformance-secret');
    c.expectUpstream?.(sent);
  });
});
