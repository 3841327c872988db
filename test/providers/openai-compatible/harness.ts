/**
 * Test harness for the OpenAI-compatible adapter: a real adapter over a real undici client, talking to a
 * fake upstream on loopback. Also small readers that derive expected values from recordings by hand
 * (joining recorded deltas), independent of the adapter's own parsing helpers.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { ChatRequest } from '../../../src/spec/chat-request.js';
import type { ChatResult } from '../../../src/spec/chat-result.js';
import type { ProviderAdapter } from '../../../src/spec/provider-adapter.js';
import type { StreamPart } from '../../../src/spec/stream-part.js';
import type { Usage } from '../../../src/spec/usage.js';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { createHttpClient } from '../../../src/providers/toolkit/create-http-client.js';
import { createOpenAICompatibleAdapter } from '../../../src/providers/openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../../../src/providers/openai-compatible/profiles.js';
import { FakeUpstream, framesFromChunks, type Reply } from '../../support/fake-upstream.js';
import { readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../../support/shared-fixtures.js';

export { cassetteReply, readCassette } from '../../support/read-cassette.js';

/** A describe title for replays of shared recordings that says why they are skipped when they are. */
export function recorded(name: string): string {
  return sharedFixturesDir ? `${name} (recorded traffic)` : `${name} (skipped: ${sharedFixturesSkipReason})`;
}

/** Read and parse a shared JSON recording. */
export function sharedJson(relativePath: string): any {
  return JSON.parse(readSharedFixture(relativePath));
}

export const API_KEY = 'sk-test-0123456789abcdef';

export interface Rig {
  fake: FakeUpstream;
  adapter: ProviderAdapter;
}

/**
 * One fake upstream and one adapter for the given profile, started before the file's tests and closed after.
 * Read `rig.fake` / `rig.adapter` inside tests.
 */
export function useAdapter(profileName: string, providerId = profileName): Rig {
  const rig = {} as Rig;
  let http: ReturnType<typeof createHttpClient> | undefined;
  beforeAll(async () => {
    const profile = OPENAI_COMPATIBLE_PROFILES[profileName];
    if (!profile) throw new Error(`no profile '${profileName}'`);
    rig.fake = await FakeUpstream.start();
    http = createHttpClient(providerId);
    rig.adapter = createOpenAICompatibleAdapter({
      providerId,
      profile,
      baseUrl: rig.fake.url + '/v1',
      apiKey: API_KEY,
      headers: {},
      http,
    });
  });
  afterAll(async () => {
    await http?.close();
    await rig.fake?.close();
  });
  return rig;
}

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'client-model',
    messages: [{ role: 'user', content: 'Hello!' }],
    stream: false,
    includeUsage: false,
    ...overrides,
  };
}

export function chat(rig: Rig, request: Partial<ChatRequest> = {}, model = 'upstream-model'): Promise<ChatResult> {
  return rig.adapter.chat({ request: chatRequest(request), model, signal: new AbortController().signal });
}

/** What a stream came to, plus the parts themselves. */
export interface Collected {
  parts: StreamPart[];
  meta?: { id?: string; model?: string; created?: number };
  text: string;
  reasoning: string;
  refusal: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finish?: { reason: string; raw?: string };
  usage?: Usage;
}

export async function stream(rig: Rig, request: Partial<ChatRequest> = {}, model = 'upstream-model'): Promise<Collected> {
  const parts = await rig.adapter.streamChat({
    request: chatRequest({ stream: true, includeUsage: true, ...request }),
    model,
    signal: new AbortController().signal,
  });
  return collect(parts);
}

/** Drain a stream, checking the stream-part contract on the way: meta first, finish last, tool calls in order. */
export async function collect(source: AsyncIterable<StreamPart>): Promise<Collected> {
  const out: Collected = { parts: [], text: '', reasoning: '', refusal: '', toolCalls: [] };
  for await (const part of source) {
    expect(out.finish, 'nothing may follow the finish part').toBeUndefined();
    out.parts.push(part);
    switch (part.type) {
      case 'meta':
        expect(out.parts.length, 'meta comes first').toBe(1);
        out.meta = { id: part.id, model: part.model, created: part.created };
        break;
      case 'text':
        out.text += part.text;
        break;
      case 'reasoning':
        out.reasoning += part.text;
        break;
      case 'refusal':
        out.refusal += part.text;
        break;
      case 'tool-call-start':
        expect(part.index, 'tool calls are numbered from 0 in order').toBe(out.toolCalls.length);
        out.toolCalls.push({ id: part.id, name: part.name, arguments: '' });
        break;
      case 'tool-call-delta': {
        const call = out.toolCalls[part.index];
        expect(call, `tool-call-delta for index ${part.index} before its start`).toBeDefined();
        if (call) call.arguments += part.arguments;
        break;
      }
      case 'usage':
        expect(out.usage, 'usage is reported once').toBeUndefined();
        out.usage = part.usage;
        break;
      case 'finish':
        out.finish = { reason: part.reason, ...(part.raw !== undefined && { raw: part.raw }) };
        break;
    }
  }
  return out;
}

/** Await a promise (or a stream) that must fail with a GatewayError, and return the error. */
export async function gatewayError(work: Promise<unknown>): Promise<GatewayError> {
  try {
    const value = await work;
    if (value && typeof value === 'object' && Symbol.asyncIterator in value) {
      await collect(value as AsyncIterable<StreamPart>);
    }
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected a GatewayError, but the call succeeded');
}

/** The counts of a usage, without the raw object. */
export function counts(usage: Usage | undefined): Omit<Usage, 'raw'> | undefined {
  if (!usage) return undefined;
  const { raw: _raw, ...rest } = usage;
  return rest;
}

/** Serve a vercel-ai style chunks file: one `data:` payload per line, then `data: [DONE]` unless told otherwise. */
export function sseReply(chunksText: string, options: { done?: boolean } = {}): Reply {
  return { sse: framesFromChunks(chunksText, { done: options.done ?? true }) };
}

/** The recorded chunks of a chunks file, parsed. */
export function chunksOf(chunksText: string): any[] {
  return chunksText
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** Join the string values of one delta field (`content`, `reasoning_content`, `reasoning`) across a recording. */
export function joinDeltas(chunks: any[], field: string): string {
  let out = '';
  for (const chunk of chunks) {
    const value = chunk.choices?.[0]?.delta?.[field];
    if (typeof value === 'string') out += value;
  }
  return out;
}

export const ENVOY_CASSETTES = 'envoy-ai-gateway/tests/internal/testopenai/cassettes';
