import { describe, expect, it } from 'vitest';
import { Rng } from './engine/rng.js';
import { expectGatewayError, violation } from './support/invariants.js';
import { checkSseFrames, checkStreamParts } from './support/results.js';
import { FUZZ_TEST_TIMEOUT_MS, ownFixtures, runFuzzTarget, scriptsUnder } from './support/run-target.js';
import { SECRETS, secretTokens } from './support/secrets.js';
import type { StreamPart } from '../../src/spec/stream-part.js';

/**
 * The event-stream readers: decodeEventStream (eventsource-parser underneath) with the OpenAI, Anthropic and
 * Gemini decoders, through each adapter's streamChat, as a provider's answer arrives: split into network
 * chunks at arbitrary places (inside a field name, a line break, a multi-byte character), sometimes with an
 * odd content type, sometimes abandoned early by the client. The stream must end (normally or with a
 * GatewayError), its parts must be well-formed, and the SSE the client would get must be JSON frames.
 *
 * Input layout: byte 0 picks the adapter (bits 0-1) and the content type (bits 2-3); byte 1 seeds the
 * chunking and (bits 5-7) when the client stops reading; byte 2 picks the event size limit; the rest is the body.
 */
const ADAPTERS = ['openai', 'minimax', 'anthropic', 'gemini'] as const;
const CONTENT_TYPES = ['text/event-stream', 'application/json', 'text/html; charset=utf-8', undefined];
const EVENT_LIMITS = [64, 1024, 64 * 1024, 1 << 20];

function header(adapter: number, contentType = 0, chunking = 7, limit = 3): Buffer {
  return Buffer.from([adapter | (contentType << 2), chunking, limit]);
}

function sse(lines: string[], options: { events?: boolean; done?: boolean; crlf?: boolean } = {}): string {
  const nl = options.crlf ? '\r\n' : '\n';
  const frames = lines.map((line) => {
    const type = options.events ? (JSON.parse(line) as { type?: string }).type : undefined;
    return `${type ? `event: ${type}${nl}` : ''}data: ${line}${nl}${nl}`;
  });
  return frames.join('') + (options.done ? `data: [DONE]${nl}${nl}` : '');
}

/** The characters a client would get from these parts (text, reasoning, tool names and arguments). */
function partChars(parts: readonly StreamPart[]): number {
  let n = 0;
  for (const p of parts) {
    if (p.type === 'text' || p.type === 'reasoning' || p.type === 'refusal') n += p.text.length;
    else if (p.type === 'tool-call-delta') n += p.arguments.length;
    else if (p.type === 'tool-call-start') n += p.name.length;
  }
  return n;
}

const payloadLines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

function seeds(): Buffer[] {
  const out: Buffer[] = [];
  ownFixtures('openai-compatible', '.chunks.txt').forEach((text, i) => {
    out.push(Buffer.concat([header(i % 2), Buffer.from(sse(payloadLines(text), { done: true }))]));
    if (i % 3 === 0) out.push(Buffer.concat([header(0, 1, i), Buffer.from(sse(payloadLines(text), { crlf: true }))]));
  });
  for (const text of ownFixtures('anthropic', '.chunks.txt')) out.push(Buffer.concat([header(2), Buffer.from(sse(payloadLines(text), { events: true }))]));
  ownFixtures('gemini', '.chunks.txt').forEach((text, i) => {
    out.push(Buffer.concat([header(3, 0, 3 + i), Buffer.from(sse(payloadLines(text), { crlf: i % 2 === 0 }))]));
  });
  out.push(Buffer.concat([header(0, 1), Buffer.from('{"choices":[{"message":{"content":"whole"},"finish_reason":"stop"}]}')]));
  out.push(Buffer.concat([header(0, 0, 200, 0), Buffer.from(': keep-alive\n\nretry: 10\n\nid: 1\nevent: x\ndata: [DONE]\n\n')]));
  return out;
}

const DICTIONARY = [
  'data: ', 'data:', 'event: ', 'id: ', 'retry: ', ': comment', '\n\n', '\r\n\r\n', '\r\r', '\n', '\r', 'data: [DONE]\n\n',
  '{"choices":[{"index":0,"delta":{', '"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{"}}]',
  '"finish_reason":"stop"', '"finish_reason":"error"', '"usage":{"prompt_tokens":1,"completion_tokens":2}', '"error":{"message":"x","code":429}',
  'message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping',
  '"type":"error","error":{"type":"overloaded_error","message":"busy"}', '"type":"input_json_delta","partial_json":"{"', '"type":"text_delta","text":"a"',
  '"type":"tool_use","id":"t","name":"f","input":{}', '"stop_reason":"tool_use"', '"candidates":[{"content":{"parts":[{"text":"a"}]},"index":0}]',
  '"functionCall":{"name":"f","args":{}}', '"partialArgs":[{"jsonPath":"$.a","stringValue":"x","willContinue":true}]', '"finishReason":"STOP"',
  '"usageMetadata":{"promptTokenCount":3}', '"jsonPath":"$.a.b"', '$.__proto__.x', "$['__proto__']", '$.constructor.prototype.x', '$.a[4294967294]',
  '$.a[99999999]', '"numberValue":1', '"boolValue":true', '"nullValue":null', '__proto__', 'constructor', 'prototype',
  '<think>', '</think>', '\u00e9', '\u{1F600}', '\uFEFF', ...secretTokens(),
];

describe('fuzz: event streams', () => {
  it(
    'streamChat of every adapter ends with well-formed parts or a GatewayError, whatever the provider streams',
    async () => {
      await runFuzzTarget({
        name: 'event-streams',
        runs: 12_000,
        async: true,
        maxLen: 8192,
        covers: scriptsUnder('src/', 'node_modules/eventsource-parser/'),
        seeds: seeds(),
        dictionary: DICTIONARY,
        load: async () => {
          const { CannedHttp, makeAdapters } = await import('./support/fake-adapters.js');
          const { ChatChunkEncoder } = await import('../../src/api/openai/chat-chunk-encoder.js');
          const http = new CannedHttp();
          const adapters = makeAdapters(http);
          const signal = new AbortController().signal;
          const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], stream: true, includeUsage: true };

          return async (input) => {
            if (input.length < 3) return;
            const [select, chunking, limit] = input as unknown as [number, number, number];
            const body = input.subarray(3);
            const adapter = adapters[ADAPTERS[select & 3]!];
            const contentType = ADAPTERS[select & 3] === 'openai' ? CONTENT_TYPES[(select >> 2) & 3] : 'text/event-stream';
            const rng = new Rng(chunking);
            const chunks: Buffer[] = [];
            for (let at = 0; at < body.length; ) {
              const size = 1 + rng.below(rng.oneIn(3) ? 4 : 300);
              chunks.push(body.subarray(at, at + size));
              at += size;
            }
            const stopAfter = chunking >> 5 === 7 ? rng.below(6) : Infinity;
            http.answer = { status: 200, headers: { 'content-type': contentType }, chunks, maxEventBytes: EVENT_LIMITS[limit & 3]! };

            const parts: StreamPart[] = [];
            try {
              const stream = await adapter.streamChat({ request, model: 'm', signal });
              const iterator = stream[Symbol.asyncIterator]();
              for (;;) {
                if (parts.length >= stopAfter) {
                  await iterator.return?.();
                  break;
                }
                const next = await iterator.next();
                if (next.done) break;
                parts.push(next.value);
                violation(parts.length <= 4 * body.length + 8, () => `${parts.length} parts from ${body.length} bytes`);
                violation(partChars(parts) <= 16 * body.length + 1024, () => `${partChars(parts)} characters of parts from ${body.length} bytes`);
              }
            } catch (err) {
              expectGatewayError(err, { secrets: SECRETS });
            }
            checkStreamParts(parts);
            const encoder = new ChatChunkEncoder({ id: 'x', created: 1, model: 'm' }, true);
            let sent = '';
            for (const part of parts) sent += encoder.encode(part);
            sent += encoder.end({ cost: 0.5, costEstimated: false });
            checkSseFrames(sent);
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  /**
   * Found by this fuzzer (seed 1, FUZZ_RUNS_SCALE=10) and by reading its finding: a streamed Gemini
   * function call's `partialArgs[].jsonPath` is applied to a plain object without guarding its segments.
   */
  describe('Gemini partialArgs paths (apply-partial-arg.ts)', () => {
    async function streamGemini(events: unknown[]): Promise<{ parts: StreamPart[]; error?: unknown }> {
      const { CannedHttp, makeAdapters } = await import('./support/fake-adapters.js');
      const http = new CannedHttp();
      const body = events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join('');
      http.answer = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [Buffer.from(body)], maxEventBytes: 1 << 20 };
      const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], stream: true, includeUsage: true };
      const parts: StreamPart[] = [];
      try {
        for await (const part of await makeAdapters(http).gemini.streamChat({ request, model: 'm', signal: new AbortController().signal })) parts.push(part);
      } catch (error) {
        return { parts, error };
      }
      return { parts };
    }
    const call = (partialArgs: unknown[]) => [
      { candidates: [{ content: { parts: [{ functionCall: { name: 'f', willContinue: true } }] }, index: 0 }] },
      { candidates: [{ content: { parts: [{ functionCall: { partialArgs } }] }, index: 0, finishReason: 'STOP' }] },
    ];

    it('a path through __proto__ does not pollute Object.prototype', async () => {
      try {
        await streamGemini(call([{ jsonPath: '$.__proto__.polluted', stringValue: 'yes' }]));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      } finally {
        delete (Object.prototype as Record<string, unknown>).polluted;
      }
    });

    it('a huge array index ends the stream with a GatewayError, not a RangeError', async () => {
      const { GatewayError } = await import('../../src/spec/gateway-error.js');
      const { error } = await streamGemini(call([{ jsonPath: '$.a[4294967294]', numberValue: 1 }]));
      if (error !== undefined) expect(error).toBeInstanceOf(GatewayError);
    });

    it('a large array index does not turn a 100-byte event into megabytes of arguments', async () => {
      const { parts, error } = await streamGemini(call([{ jsonPath: '$.a[1000000]', numberValue: 1 }]));
      if (error === undefined) expect(partChars(parts)).toBeLessThan(64 * 1024);
    });
  });
});
