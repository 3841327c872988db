import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAI_COMPATIBLE_PROFILES } from '../../src/providers/openai-compatible/profiles.js';
import { PROVIDER_TYPES } from '../../src/providers/registry.js';
import { FakeUpstream, type RecordedRequest } from '../support/fake-upstream.js';
import { sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicCases } from './cases/anthropic.js';
import { geminiCases } from './cases/gemini.js';
import { openaiCassetteCases, openaiCompatibleCases } from './cases/openai-compatible.js';
import type { ConformanceCase } from './conformance-case.js';
import { fromCompletion, fromStream, replyFor, type Received } from './replay-case.js';

/**
 * Every adapter, one suite: recorded provider traffic (and our own fixtures) replayed by a fake upstream
 * on loopback, a real gateway in front of it, and the official `openai` SDK as the client.
 *
 * Each case runs twice: through a provider with `pass_through: false` (every request translated, every
 * answer decoded and encoded again) and through the same provider as configured by default, where
 * OpenAI-compatible vendors take the fast path (the client's body sent where the translation would send the
 * same, the answer relayed where the translation would show the same). The client must get the same from
 * both, and the upstream must be sent the same.
 */
const allCases: ConformanceCase[] = [...openaiCompatibleCases, ...openaiCassetteCases, ...anthropicCases, ...geminiCases];
const runnable = allCases.filter((c) => 'own' in c.source || sharedFixturesDir);
const skipped = allCases.length - runnable.length;
if (skipped > 0) console.warn(`[conformance] ${skipped} case(s) need ../shared/fixtures and are skipped: not found`);

let upstream: FakeUpstream;
let gateway: TestGateway;

/** The answers the fast path relayed (x-switchyard-passthrough: openai-chat), by case, streamed or not. */
const relayed = { stream: [] as string[], whole: [] as string[], chunks: 0 };

/** Each provider at the fake upstream, under the path its real API uses (/v1, /compatible-mode/v1, /v1beta...). */
function upstreamBase(type: string): string {
  const real = PROVIDER_TYPES[type]?.defaultBaseUrl;
  return upstream.url + (real ? new URL(real).pathname : '/v1');
}

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const types = [...new Set(runnable.map((c) => c.providerType))];
  const providers = Object.fromEntries(
    types.flatMap((t) => [
      [`p-${t}`, { type: t, api_key: 'sk-conformance-secret', base_url: upstreamBase(t) }],
      [`p-${t}-translated`, { type: t, api_key: 'sk-conformance-secret', base_url: upstreamBase(t), pass_through: false }],
    ]),
  );
  const models = Object.fromEntries(
    runnable.flatMap((c, i) => [
      [`case-${i}`, { deployments: [`p-${c.providerType}/${c.upstreamModel}`] }],
      [`case-${i}-translated`, { deployments: [`p-${c.providerType}-translated/${c.upstreamModel}`] }],
    ]),
  );
  gateway = await startTestGateway({ providers, models });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

interface Asked {
  got: Received;
  headers: Headers;
  sent: RecordedRequest;
}

/** The case's request under one model name, answered by its recording; what the client got and the upstream was sent. */
async function ask(c: ConformanceCase, model: string): Promise<Asked> {
  upstream.reply(replyFor(c));
  const params = { model, messages: [{ role: 'user' as const, content: 'Hello' }], ...c.request } as Record<string, unknown>;
  if (c.stream) {
    const { data, response } = await gateway.client.chat.completions
      .create({ ...params, stream: true, stream_options: { include_usage: true } } as OpenAI.ChatCompletionCreateParamsStreaming)
      .withResponse();
    return { got: await fromStream(data), headers: response.headers, sent: upstream.lastRequest };
  }
  const { data, response } = await gateway.client.chat.completions
    .create({ ...params, stream: false } as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .withResponse();
  return { got: fromCompletion(data), headers: response.headers, sent: upstream.lastRequest };
}

/** What the recording promises the client, on either path. */
function expectRecorded(c: ConformanceCase, { got, sent }: Asked): void {
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
  if (c.expectPath !== undefined) expect(sent.url.split('?')[0]).toMatch(c.expectPath);
  expect(sent.body).not.toContain('conformance-secret');
  c.expectUpstream?.(sent);
}

/** Ids the gateway made up for tool calls that came without one: random, so compared by their shape. */
const MADE_UP = /^call_[0-9a-f]{24}$/;

/** The answer as the client sees it, with what differs between any two requests (the gateway's id and clock) set aside. */
function comparable(a: Asked): unknown {
  const { names, toolCalls, foreignChunks: _relayed, ...rest } = a.got;
  // one id, object, model and time on every chunk; the id is the request's, as its header says
  expect(names.id).toEqual([a.headers.get('x-switchyard-request-id')]);
  expect(names.id[0]).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
  expect(names.created).toHaveLength(1);
  expect(Math.abs(names.created[0]! * 1000 - Date.now())).toBeLessThan(10_000);
  return {
    ...rest,
    object: names.object,
    model: names.model,
    toolCalls: toolCalls.map((t) => ({ ...t, id: MADE_UP.test(t.id) ? 'made-up' : t.id })),
    // the provider differs (the same vendor configured twice), not the model or the cost
    headers: ['x-switchyard-model', 'x-switchyard-cost'].map((h) => a.headers.get(h)),
  };
}

describe.each(runnable.map((c, i) => [`${c.providerType}: ${c.name}`, c, i] as const))('%s', (label, c, i) => {
  it('reaches the client intact through the openai SDK, the same translated and on the fast path', async () => {
    const translated = await ask(c, `case-${i}-translated`);
    expectRecorded(c, translated);
    expect(translated.headers.get('x-switchyard-passthrough')).toBeNull();

    const fast = await ask(c, `case-${i}`);
    expectRecorded(c, fast);
    expect(comparable(fast)).toEqual(comparable(translated));
    // the upstream is sent the same request either way (field order aside)
    expect(fast.sent.url).toBe(translated.sent.url);
    expect(fast.sent.json).toEqual(translated.sent.json);
    const passthrough = fast.headers.get('x-switchyard-passthrough');
    if (passthrough !== null) {
      expect(passthrough).toBe('openai-chat');
      (c.stream ? relayed.stream : relayed.whole).push(label);
    }
    // the translated stream is all the gateway's own encoding; the relayed one shows the upstream's own chunks
    expect(translated.got.foreignChunks ?? 0).toBe(0);
    relayed.chunks += fast.got.foreignChunks ?? 0;
  });
});

describe('the fast path', () => {
  // the profiles whose every chunk is rewritten (think tags split out of the content) are always translated
  const openaiLike = runnable.filter((c) => {
    const profile = OPENAI_COMPATIBLE_PROFILES[c.providerType];
    return profile !== undefined && profile.thinkTags !== true;
  });

  it('relays every OpenAI-compatible stream but those of profiles that rewrite chunks (think tags)', () => {
    const streams = openaiLike.filter((c) => c.stream);
    expect(relayed.stream).toHaveLength(streams.length);
  });

  it('relays the whole answers that need no rewriting', () => {
    const whole = openaiLike.filter((c) => !c.stream).length;
    console.info(`[conformance] fast path: ${relayed.stream.length} streams relayed (${relayed.chunks} of their chunks visibly as the upstream framed them), ${relayed.whole.length} of ${whole} whole answers spliced (the others rebuilt: not plain)`);
    // the project's own whole answers all carry something the translation rewrites; the recorded ones include plain ones
    if (sharedFixturesDir) expect(relayed.whole.length).toBeGreaterThan(0);
    else console.warn(`[conformance] ${sharedFixturesSkipReason}: the spliced whole answers are not checked`);
    expect(relayed.chunks).toBeGreaterThan(0);
  });
});
