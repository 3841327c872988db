import type { ChatRequest } from '../../../src/spec/chat-request.js';
import type { StreamPart } from '../../../src/spec/stream-part.js';
import type { Usage } from '../../../src/spec/usage.js';
import type { ProviderAdapter } from '../../../src/spec/provider-adapter.js';
import type { HttpClient } from '../../../src/spec/http-client.js';
import { createHttpClient } from '../../../src/providers/toolkit/create-http-client.js';
import { createGeminiAdapter, type GeminiAdapterSettings } from '../../../src/providers/gemini/create-gemini-adapter.js';
import { FakeUpstream, framesFromChunks } from '../../support/fake-upstream.js';
import { readOwnFixture } from '../../support/shared-fixtures.js';

/** A key shaped like a real one: it must never show up in a URL or an error message. */
export const API_KEY = 'AIzaSyTest-gemini-key-0123456789';

export interface GeminiRig {
  upstream: FakeUpstream;
  http: HttpClient;
  adapter: ProviderAdapter;
  close(): Promise<void>;
}

/** A fake Gemini on loopback, a real HTTP client, and the adapter pointed at `<upstream>/v1beta`. */
export async function startGeminiRig(options: Partial<GeminiAdapterSettings> = {}): Promise<GeminiRig> {
  const upstream = await FakeUpstream.start();
  const http = createHttpClient('gemini-test');
  const adapter = createGeminiAdapter({
    providerId: 'gemini-test',
    baseUrl: `${upstream.url}/v1beta`,
    apiKey: API_KEY,
    headers: { 'x-team': 'switchyard' },
    http,
    ...options,
  });
  return {
    upstream,
    http,
    adapter,
    async close() {
      await http.close();
      await upstream.close();
    },
  };
}

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'gemini', messages: [{ role: 'user', content: 'Hello' }], stream: false, includeUsage: false, ...overrides };
}

export const call = (request: ChatRequest, model = 'gemini-2.5-flash') => ({
  request,
  model,
  signal: new AbortController().signal,
});

export function ownJson(name: string): unknown {
  return JSON.parse(readOwnFixture(`gemini/${name}`));
}

export function ownFrames(name: string): string[] {
  return framesFromChunks(readOwnFixture(`gemini/${name}`));
}

export async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const p of stream) parts.push(p);
  return parts;
}

export interface StreamSummary {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishes: Array<Extract<StreamPart, { type: 'finish' }>>;
  usages: Usage[];
}

/** The parts of a stream gathered into what a client would see. */
export function summarize(parts: StreamPart[]): StreamSummary {
  const out: StreamSummary = { text: '', reasoning: '', toolCalls: [], finishes: [], usages: [] };
  for (const p of parts) {
    if (p.type === 'text') out.text += p.text;
    else if (p.type === 'reasoning') out.reasoning += p.text;
    else if (p.type === 'tool-call-start') out.toolCalls[p.index] = { id: p.id, name: p.name, arguments: '' };
    else if (p.type === 'tool-call-delta') out.toolCalls[p.index]!.arguments += p.arguments;
    else if (p.type === 'finish') out.finishes.push(p);
    else if (p.type === 'usage') out.usages.push(p.usage);
  }
  return out;
}

/** Tool calls with their JSON arguments parsed, ids dropped (they are random). */
export function parsedCalls(calls: Array<{ name: string; arguments: string }>): Array<{ name: string; arguments: unknown }> {
  return calls.map((c) => ({ name: c.name, arguments: JSON.parse(c.arguments) }));
}
