import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_TYPES } from '../../src/providers/registry.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { sharedFixturesDir } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicCases } from './cases/anthropic.js';
import { geminiCases } from './cases/gemini.js';
import { openaiCassetteCases, openaiCompatibleCases } from './cases/openai-compatible.js';
import type { ConformanceCase } from './conformance-case.js';
import { fromCompletion, fromStream, replyFor } from './replay-case.js';

/**
 * Every adapter, one suite: recorded provider traffic (and our own fixtures) replayed by a fake upstream
 * on loopback, a real gateway in front of it, and the official `openai` SDK as the client.
 */
const allCases: ConformanceCase[] = [...openaiCompatibleCases, ...openaiCassetteCases, ...anthropicCases, ...geminiCases];
const runnable = allCases.filter((c) => 'own' in c.source || sharedFixturesDir);
const skipped = allCases.length - runnable.length;
if (skipped > 0) console.warn(`[conformance] ${skipped} case(s) need ../shared/fixtures and are skipped: not found`);

let upstream: FakeUpstream;
let gateway: TestGateway;

/** Each provider at the fake upstream, under the path its real API uses (/v1, /compatible-mode/v1, /v1beta...). */
function upstreamBase(type: string): string {
  const real = PROVIDER_TYPES[type]?.defaultBaseUrl;
  return upstream.url + (real ? new URL(real).pathname : '/v1');
}

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const types = [...new Set(runnable.map((c) => c.providerType))];
  const providers = Object.fromEntries(
    types.map((t) => [`p-${t}`, { type: t, api_key: 'sk-conformance-secret', base_url: upstreamBase(t) }]),
  );
  const models = Object.fromEntries(
    runnable.map((c, i) => [`case-${i}`, { deployments: [`p-${c.providerType}/${c.upstreamModel}`] }]),
  );
  gateway = await startTestGateway({ providers, models });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

describe.each(runnable.map((c, i) => [`${c.providerType}: ${c.name}`, c, i] as const))('%s', (_label, c, i) => {
  it('reaches the client intact through the openai SDK', async () => {
    upstream.reply(replyFor(c));
    const params = {
      model: `case-${i}`,
      messages: [{ role: 'user' as const, content: 'Hello' }],
      ...c.request,
    } as Record<string, unknown>;
    const got = c.stream
      ? await fromStream(
          await gateway.client.chat.completions.create({
            ...params,
            stream: true,
            stream_options: { include_usage: true },
          } as OpenAI.ChatCompletionCreateParamsStreaming),
        )
      : fromCompletion(
          await gateway.client.chat.completions.create({ ...params, stream: false } as OpenAI.ChatCompletionCreateParamsNonStreaming),
        );

    if (c.expect.text !== undefined) expect(got.text ?? null).toBe(c.expect.text);
    if (c.expect.reasoning !== undefined) expect(got.reasoning).toBe(c.expect.reasoning);
    if (c.expect.toolCalls !== undefined) {
      expect(got.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(c.expect.toolCalls);
      const ids = got.toolCalls.map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(got.finishReason).toBe(c.expect.finishReason);
    if (c.expect.usage) {
      const u = c.expect.usage;
      if (u.prompt_tokens !== undefined) expect(got.usage?.prompt_tokens).toBe(u.prompt_tokens);
      if (u.completion_tokens !== undefined) expect(got.usage?.completion_tokens).toBe(u.completion_tokens);
      if (u.cached_tokens !== undefined) expect(got.usage?.prompt_tokens_details?.cached_tokens).toBe(u.cached_tokens);
      if (u.reasoning_tokens !== undefined) {
        expect(got.usage?.completion_tokens_details?.reasoning_tokens).toBe(u.reasoning_tokens);
      }
    }
    if (c.stream) {
      expect(got.finishChunks).toBe(1);
      // the client asked for usage: it gets one usage chunk (with the cost), even when the provider sent no counts
      expect(got.usageChunks).toBe(1);
    }
    const sent = upstream.lastRequest;
    if (c.expectPath !== undefined) expect(sent.url.split('?')[0]).toMatch(c.expectPath);
    expect(sent.body).not.toContain('conformance-secret');
    c.expectUpstream?.(sent);
  });
});
