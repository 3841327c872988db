/**
 * The OpenAI-compatible conformance cases (test/conformance/cases/openai-compatible.ts), checked one layer
 * down: straight through the adapter, no server. The request goes through the real OpenAI ingress codec;
 * what the client would see is read off the canonical result. This also runs the cassette cases, which the
 * gateway-level runner cannot serve yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../../src/api/openai/parse-chat-request.js';
import { createOpenAICompatibleAdapter } from '../../../src/providers/openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../../../src/providers/openai-compatible/profiles.js';
import { createHttpClient } from '../../../src/providers/toolkit/create-http-client.js';
import type { Usage } from '../../../src/spec/usage.js';
import { openaiCassetteCases, openaiCompatibleCases } from '../../conformance/cases/openai-compatible.js';
import type { ConformanceCase } from '../../conformance/conformance-case.js';
import { replyFor } from '../../conformance/replay-case.js';
import { FakeUpstream } from '../../support/fake-upstream.js';
import { sharedFixturesDir } from '../../support/shared-fixtures.js';
import { collect } from './harness.js';

const cases: ConformanceCase[] = [...openaiCompatibleCases, ...openaiCassetteCases];
const needsShared = (c: ConformanceCase) => !('own' in c.source);
const runnable = cases.filter((c) => sharedFixturesDir || !needsShared(c));

interface ClientView {
  text: string | null;
  reasoning?: string;
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  finishReason: string;
  usage?: Usage;
}

let fake: FakeUpstream;
const http = createHttpClient('conformance');
beforeAll(async () => {
  fake = await FakeUpstream.start();
});
afterAll(async () => {
  await http.close();
  await fake.close();
});

const parseArgs = (args: string): unknown => JSON.parse(args === '' ? '{}' : args);

describe.each(runnable.map((c) => [`${c.providerType}: ${c.name}`, c] as const))('%s', (_label, c) => {
  it('the adapter gives what the client must receive', async () => {
    const profile = OPENAI_COMPATIBLE_PROFILES[c.providerType]!;
    const path = profile.baseUrl ? new URL(profile.baseUrl).pathname : '/v1';
    const adapter = createOpenAICompatibleAdapter({
      providerId: `p-${c.providerType}`,
      profile,
      baseUrl: fake.url + path,
      apiKey: 'sk-conformance-secret',
      headers: {},
      http,
    });
    fake.reply(replyFor(c));
    const request = parseChatRequest({
      model: 'case',
      messages: [{ role: 'user', content: 'Hello' }],
      ...c.request,
      stream: c.stream,
      ...(c.stream && { stream_options: { include_usage: true } }),
    });
    const call = { request, model: c.upstreamModel, signal: new AbortController().signal };

    let got: ClientView;
    if (c.stream) {
      const out = await collect(await adapter.streamChat(call));
      got = {
        text: out.text === '' ? null : out.text,
        ...(out.reasoning !== '' && { reasoning: out.reasoning }),
        toolCalls: out.toolCalls.map((t) => ({ ...t, arguments: parseArgs(t.arguments) })),
        finishReason: out.finish!.reason,
        usage: out.usage,
      };
    } else {
      const result = await adapter.chat(call);
      got = {
        text: result.text,
        reasoning: result.reasoning,
        toolCalls: result.toolCalls.map((t) => ({ ...t, arguments: parseArgs(t.arguments) })),
        finishReason: result.finishReason,
        usage: result.usage,
      };
    }

    const want = c.expect;
    if (want.text !== undefined) expect(got.text).toBe(want.text);
    if (want.reasoning !== undefined) expect(got.reasoning).toBe(want.reasoning);
    if (want.toolCalls !== undefined) {
      expect(got.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(want.toolCalls);
      expect(new Set(got.toolCalls.map((t) => t.id)).size).toBe(got.toolCalls.length);
    }
    expect(got.finishReason).toBe(want.finishReason);
    if (want.usage) {
      expect({
        prompt_tokens: got.usage?.inputTokens,
        completion_tokens: got.usage?.outputTokens,
        cached_tokens: got.usage?.cachedInputTokens,
        reasoning_tokens: got.usage?.reasoningTokens,
      }).toMatchObject(want.usage);
    } else if (c.stream) {
      expect(got.usage).toBeUndefined();
    }

    const sent = fake.lastRequest;
    if (c.expectPath !== undefined) expect(sent.url.split('?')[0]).toMatch(c.expectPath);
    expect(sent.body).not.toContain('conformance-secret');
    c.expectUpstream?.(sent);
  });
});
