import type { ChatRequest, Message, ToolDefinition } from '../../../src/spec/chat-request.js';
import type { ChatResult } from '../../../src/spec/chat-result.js';
import type { HttpClient } from '../../../src/spec/http-client.js';
import type { ProviderAdapter } from '../../../src/spec/provider-adapter.js';
import type { StreamPart } from '../../../src/spec/stream-part.js';
import { mergeUsage, type Usage } from '../../../src/spec/usage.js';
import { createHttpClient } from '../../../src/providers/toolkit/create-http-client.js';
import { createAnthropicAdapter } from '../../../src/providers/anthropic/create-anthropic-adapter.js';
import { FakeUpstream, framesFromChunks } from '../../support/fake-upstream.js';

export const API_KEY = 'sk-ant-test-0123456789abcdef';

/** An adapter talking to a fake Anthropic on loopback over real HTTP. */
export interface Harness {
  upstream: FakeUpstream;
  http: HttpClient;
  adapter: ProviderAdapter;
  close(): Promise<void>;
}

export async function startHarness(headers: Record<string, string> = {}): Promise<Harness> {
  const upstream = await FakeUpstream.start();
  const http = createHttpClient('claude');
  const adapter = createAnthropicAdapter({ providerId: 'claude', baseUrl: `${upstream.url}/v1`, apiKey: API_KEY, headers, http });
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
  return {
    model: 'claude',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: false,
    includeUsage: true,
    ...overrides,
  };
}

export function call(request: ChatRequest, model = 'claude-sonnet-4-5') {
  return { request, model, signal: new AbortController().signal };
}

/** SSE frames with `event:` lines, as Anthropic sends them; a recording that is already SSE text is sent as is. */
export function sse(chunks: string): string[] {
  return framesFromChunks(chunks, { events: true });
}

/** A stream's parts folded into the shape of a non-streamed answer, plus the parts themselves. */
export interface Collected {
  parts: StreamPart[];
  text: string;
  reasoning: string;
  refusal: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finish: Array<Extract<StreamPart, { type: 'finish' }>>;
  usage?: Usage;
}

export async function collect(stream: AsyncIterable<StreamPart>): Promise<Collected> {
  const out: Collected = { parts: [], text: '', reasoning: '', refusal: '', toolCalls: [], finish: [] };
  for await (const part of stream) {
    out.parts.push(part);
    if (part.type === 'text') out.text += part.text;
    else if (part.type === 'reasoning') out.reasoning += part.text;
    else if (part.type === 'refusal') out.refusal += part.text;
    else if (part.type === 'tool-call-start') out.toolCalls[part.index] = { id: part.id, name: part.name, arguments: '' };
    else if (part.type === 'tool-call-delta') {
      const tool = out.toolCalls[part.index];
      if (!tool) throw new Error(`tool-call-delta before its start (index ${part.index})`);
      tool.arguments += part.arguments;
    } else if (part.type === 'finish') out.finish.push(part);
    else if (part.type === 'usage') out.usage = mergeUsage(out.usage, part.usage);
  }
  return out;
}

/** A minimal OpenAI-wire request (as the conformance cases give it) in canonical form. */
export function canonicalFromWire(wire: Record<string, unknown> | undefined, stream: boolean): ChatRequest {
  const messages = (wire?.messages as Message[] | undefined) ?? [{ role: 'user', content: 'Hello' }];
  const tools = (wire?.tools as Array<{ function: { name: string; description?: string; parameters?: Record<string, unknown> } }> | undefined)?.map(
    (t): ToolDefinition => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters }),
  );
  return chatRequest({ messages, stream, ...(tools && { tools }) });
}

/** A non-streamed result's tool calls with parsed arguments, for comparing with expectations. */
export function parsedToolCalls(calls: ChatResult['toolCalls']): Array<{ name: string; arguments: unknown }> {
  return calls.map((c) => ({ name: c.name, arguments: JSON.parse(c.arguments) as unknown }));
}
