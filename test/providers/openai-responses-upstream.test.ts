import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEventStream, type ServerSentEvent } from '../../src/providers/toolkit/decode-event-stream.js';
import { ResponsesStreamDecoder } from '../../src/providers/openai-responses/decode-responses-stream.js';
import { parseResponsesResult } from '../../src/providers/openai-responses/parse-responses-result.js';
import { GatewayError } from '../../src/spec/gateway-error.js';
import type { ToolCall } from '../../src/spec/chat-request.js';
import type { StreamPart } from '../../src/spec/stream-part.js';
import { readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';

const SECRET = 'sk-test-secret-0123456789';
const created = { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5.4', created_at: 1700000000, status: 'in_progress', output: [], usage: null } };
const usage = { input_tokens: 100, input_tokens_details: { cached_tokens: 40 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 12 }, total_tokens: 130 };
const completed = { type: 'response.completed', response: { id: 'resp_1', status: 'completed', incomplete_details: null, usage } };

/** Events as the event-stream parser hands them over: the type as the event name, the JSON as data. */
function events(list: unknown[]): ServerSentEvent[] {
  return list.map((e) => ({ event: (e as { type?: string }).type, data: JSON.stringify(e) }));
}

/** The text of every part of one kind, joined. */
function textOf(parts: StreamPart[], type: 'text' | 'reasoning' | 'refusal'): string {
  return parts.map((p) => (p.type === type ? p.text : '')).join('');
}

/** Parts gathered into what a whole answer would hold. */
function partsOf(parts: StreamPart[]) {
  const toolCalls: ToolCall[] = [];
  for (const p of parts) {
    if (p.type === 'tool-call-start') toolCalls[p.index] = { id: p.id, name: p.name, arguments: '' };
    else if (p.type === 'tool-call-delta') toolCalls[p.index]!.arguments += p.arguments;
  }
  return {
    meta: parts.find((p) => p.type === 'meta'),
    text: textOf(parts, 'text'),
    toolCalls,
    usage: parts.findLast((p) => p.type === 'usage')?.usage,
    finish: parts.find((p) => p.type === 'finish'),
  };
}

/** An event-stream body, as text, through decodeEventStream: every part, or the stream's error. */
async function decodeResponsesStreamFromText(body: string): Promise<StreamPart[]> {
  async function* chunks() {
    // split mid-event, as a network would
    const bytes = new TextEncoder().encode(body);
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
  const out: StreamPart[] = [];
  for await (const part of decodeEventStream(chunks(), new ResponsesStreamDecoder('openai', []), { providerId: 'openai', maxEventBytes: 1 << 20 })) out.push(part);
  return out;
}

/** Run a whole stream through a fresh decoder: the parts, or what it threw (with the parts before it). */
function decode(list: unknown[]): { parts: StreamPart[]; error?: unknown } {
  const decoder = new ResponsesStreamDecoder('openai', [SECRET]);
  const parts: StreamPart[] = [];
  try {
    for (const sse of events(list)) decoder.push(sse, parts);
    decoder.end(parts);
  } catch (error) {
    return { parts, error };
  }
  return { parts };
}

function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

describe('parseResponsesResult', () => {
  it('reads text, reasoning summary, usage and identity, leaving encrypted reasoning out', () => {
    const result = parseResponsesResult('openai', {
      id: 'resp_1', object: 'response', created_at: 1700000000, model: 'gpt-5.4', status: 'completed', error: null, incomplete_details: null,
      output: [
        { id: 'rs_1', type: 'reasoning', encrypted_content: 'gAAAA-secret-blob', summary: [{ type: 'summary_text', text: 'First.' }, { type: 'summary_text', text: 'Second.' }] },
        { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello, ', annotations: [] }, { type: 'output_text', text: 'world.', annotations: [] }] },
      ],
      usage,
    }, [SECRET]);
    expect(result).toMatchObject({ id: 'resp_1', model: 'gpt-5.4', created: 1700000000, text: 'Hello, world.', reasoning: 'First.\n\nSecond.', toolCalls: [], finishReason: 'stop', rawFinishReason: 'completed' });
    expect(result.usage).toMatchObject({ inputTokens: 100, cachedInputTokens: 40, outputTokens: 30, reasoningTokens: 12 });
    expect(JSON.stringify({ ...result, usage: undefined })).not.toContain('gAAAA');
  });

  it('reads function calls as tool calls and finishes with tool_calls', () => {
    const result = parseResponsesResult('openai', {
      status: 'completed',
      output: [
        { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', id: 'fc_2', call_id: 'call_b', name: 'get_time', arguments: '{}' },
        { type: 'web_search_call', id: 'ws_1', status: 'completed' },
      ],
    }, []);
    expect(result.text).toBeNull();
    expect(result.toolCalls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'call_b', name: 'get_time', arguments: '{}' },
    ]);
    expect(result.finishReason).toBe('tool_calls');
  });

  it('reads refusal parts as the refusal', () => {
    const result = parseResponsesResult('openai', { status: 'completed', output: [{ type: 'message', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] }] }, []);
    expect(result.refusal).toBe('I cannot help with that.');
    expect(result.text).toBeNull();
  });

  it('maps incomplete answers by their reason', () => {
    const cut = parseResponsesResult('openai', { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ type: 'message', content: [{ type: 'output_text', text: 'Half' }] }] }, []);
    expect(cut).toMatchObject({ text: 'Half', finishReason: 'length', rawFinishReason: 'max_output_tokens' });
    const filtered = parseResponsesResult('openai', { status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] }, []);
    expect(filtered).toMatchObject({ finishReason: 'content_filter', rawFinishReason: 'content_filter' });
  });

  it('throws in-band errors as the errors they are, without secrets', () => {
    const limited = thrown(() => parseResponsesResult('openai', { status: 'failed', error: { code: 'rate_limit_exceeded', message: `slow down ${SECRET}` }, output: [] }, [SECRET]));
    expect(limited.code).toBe('upstream_rate_limited');
    expect(limited.message).toContain('slow down');
    expect(limited.message).not.toContain(SECRET);
    expect(thrown(() => parseResponsesResult('openai', { status: 'failed', error: { code: 'server_error', message: 'boom' }, output: [] }, [])).code).toBe('upstream_error');
    expect(thrown(() => parseResponsesResult('openai', { status: 'failed', error: null, output: [] }, [])).code).toBe('upstream_error');
    expect(thrown(() => parseResponsesResult('openai', { error: { type: 'invalid_request_error', code: null, message: 'bad' } }, [])).code).toBe('upstream_bad_request');
    expect(thrown(() => parseResponsesResult('openai', { id: 'resp_1' }, [])).code).toBe('upstream_invalid_response');
  });
});

describe('ResponsesStreamDecoder', () => {
  it('streams text: meta first, deltas, usage, one finish, and nothing after', () => {
    const { parts, error } = decode([
      created,
      { type: 'response.in_progress', response: created.response },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', content: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hel' },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'lo' },
      { type: 'response.output_text.done', item_id: 'msg_1', output_index: 0, content_index: 0, text: 'Hello' },
      completed,
      { type: 'response.output_text.delta', delta: 'late' },
      { type: 'error', code: 'server_error', message: 'late error' },
    ]);
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'meta', id: 'resp_1', model: 'gpt-5.4', created: 1700000000 },
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 100, cachedInputTokens: 40, cacheWriteTokens: undefined, outputTokens: 30, reasoningTokens: 12, raw: usage } },
      { type: 'finish', reason: 'stop', raw: 'completed' },
    ]);
  });

  it('streams function calls from argument deltas, numbered in order of start', () => {
    const { parts } = decode([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'fc_1', type: 'function_call', call_id: 'call_a', name: 'a', arguments: '' } },
      { type: 'response.output_item.added', output_index: 1, item: { id: 'fc_2', type: 'function_call', call_id: 'call_b', name: 'b', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_2', output_index: 1, delta: '{"y"' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 0, delta: '{"x":1}' },
      { type: 'response.function_call_arguments.delta', output_index: 1, delta: ':2}' },
      { type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 0, arguments: '{"x":1}' },
      { type: 'response.output_item.done', output_index: 1, item: { id: 'fc_2', type: 'function_call', call_id: 'call_b', name: 'b', arguments: '{"y":2}' } },
      completed,
    ]);
    expect(parts.slice(1, -2)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'a' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'b' },
      { type: 'tool-call-delta', index: 1, arguments: '{"y"' },
      { type: 'tool-call-delta', index: 0, arguments: '{"x":1}' },
      { type: 'tool-call-delta', index: 1, arguments: ':2}' },
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls', raw: 'completed' });
  });

  it('sends arguments that arrive only whole, in .done or output_item.done, as one delta', () => {
    const { parts } = decode([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'fc_1', type: 'function_call', call_id: 'call_a', name: 'a', arguments: '' } },
      { type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 0, arguments: '{"x":1}' },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'fc_1', type: 'function_call', call_id: 'call_a', name: 'a', arguments: '{"x":1}' } },
      // a call seen only when it is done
      { type: 'response.output_item.done', output_index: 1, item: { id: 'fc_2', type: 'function_call', call_id: 'call_b', name: 'b', arguments: '{"y":2}' } },
      completed,
    ]);
    expect(parts.filter((p) => p.type.startsWith('tool-call'))).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'a' },
      { type: 'tool-call-delta', index: 0, arguments: '{"x":1}' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'b' },
      { type: 'tool-call-delta', index: 1, arguments: '{"y":2}' },
    ]);
  });

  it('streams reasoning summaries (parts apart by a blank line), raw reasoning text and refusals', () => {
    const { parts } = decode([
      created,
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'One' },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: ' more' },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 1, delta: 'Two' },
      { type: 'response.reasoning_text.delta', item_id: 'rs_2', output_index: 1, content_index: 0, delta: 'raw' },
      { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 2, content_index: 0, delta: 'No.' },
      completed,
    ]);
    expect(textOf(parts, 'reasoning')).toBe('One more\n\nTwo\n\nraw');
    expect(textOf(parts, 'refusal')).toBe('No.');
  });

  it('finishes an incomplete answer with its usage and length', () => {
    const { parts } = decode([created, { type: 'response.output_text.delta', delta: 'Hal' }, { type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage } }]);
    expect(parts.slice(-2).map((p) => p.type)).toEqual(['usage', 'finish']);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'length', raw: 'max_output_tokens' });
  });

  it('throws error events and failed responses, mapped by code, without secrets', () => {
    const limited = decode([created, { type: 'error', code: 'rate_limit_exceeded', message: `Rate limit reached for ${SECRET}`, param: null }]).error as GatewayError;
    expect(limited).toBeInstanceOf(GatewayError);
    expect(limited.code).toBe('upstream_rate_limited');
    expect(limited.message).not.toContain(SECRET);
    const nested = decode([created, { type: 'error', error: { type: 'invalid_request_error', code: 'context_length_exceeded', message: 'too long' } }]).error as GatewayError;
    expect(nested.code).toBe('upstream_bad_request');
    const failed = decode([created, { type: 'response.output_text.delta', delta: 'x' }, { type: 'response.failed', response: { status: 'failed', error: { code: 'server_error', message: 'The server had an error' } } }]);
    expect((failed.error as GatewayError).code).toBe('upstream_error');
    expect((failed.error as GatewayError).message).toContain('The server had an error');
    expect(failed.parts.map((p) => p.type)).toEqual(['meta', 'text']);
    expect((decode([created, { type: 'response.failed', response: { status: 'failed', error: null } }]).error as GatewayError).code).toBe('upstream_error');
  });

  it('throws stream_interrupted for a stream cut before its terminal event', async () => {
    const { parts, error } = decode([created, { type: 'response.output_text.delta', delta: 'Hi' }]);
    expect((error as GatewayError).code).toBe('stream_interrupted');
    expect(parts.map((p) => p.type)).toEqual(['meta', 'text']);
    const body = `event: response.created\ndata: ${JSON.stringify(created)}\n\nevent: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Hi"}\n\n`;
    await expect(decodeResponsesStreamFromText(body)).rejects.toMatchObject({ code: 'stream_interrupted' });
  });

  it('reads an event-stream body through decodeEventStream, and rejects events that are not JSON', async () => {
    const body = [created, { type: 'response.output_text.delta', delta: 'Hi' }, completed].map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    expect(textOf(await decodeResponsesStreamFromText(body), 'text')).toBe('Hi');
    expect(thrown(() => new ResponsesStreamDecoder('openai', []).push({ data: '{nope' }, [])).code).toBe('upstream_invalid_response');
  });
});

const FIXTURES = 'vercel-ai/_history/packages/openai/src/responses/__fixtures__';
/** The recorded OpenAI Responses traffic (under $SWITCHYARD_FIXTURES or ../shared/fixtures), when present. */
const recordedDir = sharedFixturesDir && existsSync(join(sharedFixturesDir, FIXTURES)) ? join(sharedFixturesDir, FIXTURES) : undefined;
if (!recordedDir) console.warn(`[openai-responses-upstream] ${sharedFixturesSkipReason || `${FIXTURES} not found under the shared fixtures; replay tests skipped`}`);

function recordings(ext: string): string[] {
  return recordedDir ? readdirSync(recordedDir).filter((n) => n.endsWith(ext)).sort() : [];
}

/** A recorded stream's events, one JSON object a line. */
function recordedEvents(name: string): Array<Record<string, unknown>> {
  return readSharedFixture(`${FIXTURES}/${name}`).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe.skipIf(!recordedDir)('OpenAI Responses recorded traffic (shared fixtures)', () => {
  const chunks = recordings('.chunks.txt');
  const bodies = recordings('.json');

  it('finds the recordings', () => {
    expect(chunks.length).toBeGreaterThanOrEqual(9);
    expect(bodies.length).toBeGreaterThanOrEqual(20);
  });

  it.each(chunks)('replays %s', (name) => {
    const list = recordedEvents(name);
    const { parts, error } = decode(list);
    expect(parts[0]?.type).toBe('meta');
    const terminal = list.some((e) => e.type === 'response.completed' || e.type === 'response.incomplete');
    if (!terminal) {
      expect((error as GatewayError).code).toBe('stream_interrupted');
      return;
    }
    expect(error).toBeUndefined();
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    expect(parts.at(-1)?.type).toBe('finish');
    const deltas = list.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta as string);
    expect(textOf(parts, 'text')).toBe(deltas.join(''));
    // every function call's arguments are what its .done event says
    const done = list.filter((e) => e.type === 'response.function_call_arguments.done').map((e) => e.arguments);
    expect(partsOf(parts).toolCalls.map((c) => c.arguments)).toEqual(done);
  });

  it('reads the text and usage of openai-issue-11239.2', () => {
    const { parts } = decode(recordedEvents('openai-issue-11239.2.chunks.txt'));
    const got = partsOf(parts);
    expect(got.meta).toEqual({ type: 'meta', id: 'resp_017eebd5643f46d6016a4b35e05970819b87a36e039511f77f', model: 'gpt-5.2-2025-12-11', created: 1783313888 });
    expect(got.text).toBe('Verification code for issue-11239 is blue-42.');
    expect(got.usage).toMatchObject({ inputTokens: 146, cachedInputTokens: 0, outputTokens: 16, reasoningTokens: 0 });
    expect(got.finish).toEqual({ type: 'finish', reason: 'stop', raw: 'completed' });
  });

  it('reads the tool call and usage of openai-issue-11239.1', () => {
    const got = partsOf(decode(recordedEvents('openai-issue-11239.1.chunks.txt')).parts);
    expect(got.toolCalls).toEqual([{ id: 'call_wMUhph1s1bedjPJraJvGw62X', name: 'lookupVerificationCode', arguments: '{"label":"issue-11239"}' }]);
    expect(got.usage).toMatchObject({ inputTokens: 84, outputTokens: 39, reasoningTokens: 15 });
    expect(got.finish?.reason).toBe('tool_calls');
  });

  it('reads cached tokens (issue-16021) and multi-part reasoning summaries (azure gpt-5)', () => {
    expect(partsOf(decode(recordedEvents('issue-16021-openai-zod-patterns-live.chunks.txt')).parts)).toMatchObject({ text: 'READY', usage: { inputTokens: 14308, cachedInputTokens: 14080, outputTokens: 5 } });
    const list = recordedEvents('azure-gpt5-reasoning-multi-summary-no-encryption.chunks.txt');
    const summaries = list.filter((e) => e.type === 'response.reasoning_summary_text.done').map((e) => e.text);
    expect(summaries).toHaveLength(3);
    expect(textOf(decode(list).parts, 'reasoning')).toBe(summaries.join('\n\n'));
  });

  it.each(bodies)('reads %s', (name) => {
    const body = JSON.parse(readSharedFixture(`${FIXTURES}/${name}`)) as Record<string, unknown>;
    if (body.error != null) {
      // the API's error bodies here are all request errors
      expect(thrown(() => parseResponsesResult('openai', body, [])).code).toBe('upstream_bad_request');
      return;
    }
    if (!Array.isArray(body.output)) return; // capture wrappers (request and response metadata), not response bodies
    const result = parseResponsesResult('openai', body, []);
    expect(result.id).toBe(body.id);
    expect(result.usage?.inputTokens).toBeGreaterThan(0);
    for (const call of result.toolCalls) expect(() => JSON.parse(call.arguments) as unknown).not.toThrow();
  });

  it('reads the function call of issue-7082 and the text of issue-8190', () => {
    const calls = parseResponsesResult('openai', JSON.parse(readSharedFixture(`${FIXTURES}/issue-7082-o3-optional-tool-parameters.json`)), []);
    expect(calls).toMatchObject({
      toolCalls: [{ id: 'call_TXveU5dZ1lW6uhMbjhUIE9Gq', name: 'semantic_scholar_search', arguments: '{"query":"machine learning","limit":10,"offset":0,"year":0}' }],
      finishReason: 'tool_calls',
      usage: { inputTokens: 114, outputTokens: 284, reasoningTokens: 192, cacheWriteTokens: 0 },
    });
    const search = parseResponsesResult('openai', JSON.parse(readSharedFixture(`${FIXTURES}/issue-8190-web-search-preview-custom-name.1.json`)), []);
    expect(search).toMatchObject({ text: 'AI SDK ([ai-sdk.dev](https://ai-sdk.dev/))', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 12733, cachedInputTokens: 3584, outputTokens: 684, reasoningTokens: 576 } });
  });
});
