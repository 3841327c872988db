import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatChunkEncoder } from '../../../src/api/openai/chat-chunk-encoder.js';
import { OpenAIChatStreamDecoder } from '../../../src/providers/openai-compatible/decode-openai-chat-stream.js';
import { ChatRelayTap } from '../../../src/providers/openai-compatible/relay-chat-stream.js';
import { PlainChunkScanner } from '../../../src/providers/openai-compatible/scan-plain-chunk.js';
import { ChunkFrame } from '../../../src/providers/openai-compatible/chunk-frame.js';
import { decodeEventStream, type StreamDecoder } from '../../../src/providers/toolkit/decode-event-stream.js';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import type { StreamPart } from '../../../src/spec/stream-part.js';

/**
 * The relayed chat stream against the translated one, in process: the same upstream bytes, split into the
 * same network reads, through ChatRelayTap and through the decoder alone, each encoded by the door's
 * ChatChunkEncoder. Whatever the upstream sends (plain chunks in several layouts, reasoning under either
 * name, tool calls with and without ids, finishes the translation renames, usage in its three places, errors,
 * keep-alives, malformed events, cuts), the client must assemble the same answer from both, every frame must
 * name the answer as the door does, and the gateway must read the same usage, finish and character count.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const IDENTITY = { id: 'chatcmpl-gateway', created: 1767000000, model: 'served-model' };
const PRICED = { cost: 0.001, costEstimated: false } as never;

const HEAD = { id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1700000000, model: 'up-model-2025' };
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'é', '😀', 'a"b', 'back\\slash', 'line\nbreak', '\u0000\u001f', '</think>'));

/** One upstream event's data, as some server would send it. */
const event: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ content: text }).map((d) => JSON.stringify({ ...HEAD, system_fingerprint: 'fp', choices: [{ index: 0, delta: d, logprobs: null, finish_reason: null }], usage: null })) },
  // OpenAI's last field: a string of random length on every chunk
  { weight: 4, arbitrary: fc.tuple(text, fc.string({ maxLength: 6 })).map(([t, o]) => JSON.stringify({ ...HEAD, system_fingerprint: 'fp', choices: [{ index: 0, delta: { content: t }, logprobs: null, finish_reason: null }], usage: null, obfuscation: o })) },
  { weight: 2, arbitrary: fc.record({ role: fc.constantFrom('assistant', '', 'user'), content: fc.oneof(text, fc.constant(null)), refusal: fc.constant(null) }, { requiredKeys: ['role'] }).map((d) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: d, finish_reason: null }] })) },
  { weight: 2, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { reasoning_content: t }, finish_reason: null }] })) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { reasoning: t }, finish_reason: null }] })) },
  // Python-style spacing, keys in another order, a head that changes mid-stream
  { weight: 2, arbitrary: text.map((t) => `{"id": "chatcmpl-up", "object": "chat.completion.chunk", "created": 1700000000, "model": "up-model-2025", "choices": [{"index": 0, "delta": {"content": ${JSON.stringify(t)}}, "finish_reason": null}]}`) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ choices: [{ delta: { content: t }, index: 0 }], created: 1, id: 'x', model: 'm', object: 'chat.completion.chunk' })) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, id: 'chatcmpl-other', choices: [{ index: 0, delta: { content: t } }] })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ index: fc.nat(2), id: fc.constantFrom(undefined, '', 'call_a', 'call_b'), name: fc.constantFrom(undefined, '', 'f', 'g'), args: fc.constantFrom('', '{"a":', '1}', '{}') })
      .map((c) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { tool_calls: [{ index: c.index, ...(c.id !== undefined && { id: c.id }), type: 'function', function: { ...(c.name !== undefined && { name: c.name }), arguments: c.args } }] }, finish_reason: null }] })),
  },
  { weight: 2, arbitrary: fc.constantFrom('stop', 'length', 'tool_calls', 'eos', 'content_filter', 'function_call', 'error', '').map((f) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: {}, finish_reason: f }] })) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { content: t }, finish_reason: 'stop' }] })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } },
      { choices: [{ index: 0, delta: {}, finish_reason: 'stop', usage: { prompt_tokens: 1, completion_tokens: 2, cached_tokens: 1 } }] },
      { choices: [], x_groq: { usage: { prompt_tokens: 5, completion_tokens: 6 } } },
      { choices: [], usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 9, completion_tokens_details: { reasoning_tokens: 5 } } },
    ).map((u) => JSON.stringify({ ...HEAD, ...u })),
  },
  { weight: 1, arbitrary: fc.constantFrom({ error: { message: 'overloaded', code: 503 } }, { error: 'boom' }, { error: null, ...HEAD, choices: [{ index: 0, delta: { content: 'x' } }] }).map((e) => JSON.stringify(e)) },
  { weight: 1, arbitrary: fc.constantFrom('[DONE]', '', '   ', 'not json', '{"choices":', `${JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { content: 'x' } }] })}}`) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, choices: [{ index: 1, delta: { content: t } }] })) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { content: t }, logprobs: { content: [{ token: t, logprob: -1 }] } }] })) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, choices: [{ index: 0, delta: { content: [{ type: 'text', text: t }] } }] })) },
  { weight: 1, arbitrary: text.map((t) => JSON.stringify({ ...HEAD, prompt_filter_results: [], choices: [{ index: 0, delta: { content: t }, content_filter_results: {} }] })) },
);

/** A whole upstream body: events framed as SSE (sometimes with an event name, a comment, CRLF), maybe [DONE], maybe cut. */
const upstreamBody = fc
  .record({
    events: fc.array(event, { maxLength: 14 }),
    done: fc.boolean(),
    crlf: fc.boolean(),
    comment: fc.boolean(),
    named: fc.boolean(),
    cut: fc.option(fc.nat(400), { nil: undefined }),
  })
  .map(({ events, done, crlf, comment, named, cut }) => {
    const nl = crlf ? '\r\n' : '\n';
    let out = comment ? `: keep-alive${nl}${nl}` : '';
    events.forEach((data, i) => {
      const name = named && i === 1 ? `event: message${nl}` : '';
      out += `${name}data: ${data.split('\n').join(`${nl}data: `)}${nl}${nl}`;
    });
    if (done) out += `data: [DONE]${nl}${nl}`;
    return cut === undefined ? out : out.slice(0, cut);
  });

/** Network reads: the body's bytes split at these fractions. */
const splits = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 });

async function* reads(bytes: Uint8Array, at: number[]): AsyncGenerator<Uint8Array> {
  const cuts = [...new Set(at.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    if (c > from) yield bytes.slice(from, c);
    from = Math.max(from, c);
  }
}

interface Shown {
  frames: string;
  parts: StreamPart[];
  error?: string;
  usage: unknown;
  chars: number;
  finished: boolean;
}

/** The door's side of one stream: every part encoded, then the end (or the error frame), as serve-chat-door does. */
async function serve(body: string, at: number[], events: (decoder: OpenAIChatStreamDecoder) => StreamDecoder): Promise<Shown> {
  const encoder = new ChatChunkEncoder(IDENTITY, true);
  const decoder = events(new OpenAIChatStreamDecoder('up', false, []));
  let frames = '';
  const parts: StreamPart[] = [];
  let error: string | undefined;
  try {
    for await (const part of decodeEventStream(reads(new TextEncoder().encode(body), at), decoder, { providerId: 'up', maxEventBytes: 1 << 20 })) {
      parts.push(part);
      frames += encoder.encode(part);
    }
    if (!encoder.isFinished) throw new GatewayError('stream_interrupted', 'ended without finishing');
    frames += encoder.end(PRICED);
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    error = `${err.code}: ${err.message}`;
    frames += encoder.errorFrame(err);
  }
  return { frames, parts, ...(error && { error }), usage: encoder.usage, chars: encoder.contentChars, finished: encoder.isFinished };
}

/** What an OpenAI client assembles from the frames, checking each is JSON and names the answer as the door does. */
function assemble(frames: string) {
  const out = { role: [] as string[], content: '', reasoning: '', calls: [] as Array<{ id?: string; name?: string; args: string }>, finishes: [] as string[], usage: [] as unknown[], error: undefined as unknown, done: false };
  for (const frame of frames.split('\n\n')) {
    if (frame === '') continue;
    expect(frame.startsWith('data: ')).toBe(true);
    const data = frame.slice(6);
    expect(data.includes('\n')).toBe(false);
    if (data === '[DONE]') {
      out.done = true;
      continue;
    }
    const chunk = JSON.parse(data) as Record<string, any>;
    if (chunk.error) {
      out.error = chunk.error;
      continue;
    }
    expect(chunk).toMatchObject({ id: IDENTITY.id, object: 'chat.completion.chunk', created: IDENTITY.created, model: IDENTITY.model });
    if (chunk.usage) out.usage.push(chunk.usage);
    expect((chunk.choices as unknown[]).length).toBeLessThanOrEqual(1);
    const choice = chunk.choices[0];
    if (!choice) continue;
    expect(choice.index).toBe(0);
    const delta = choice.delta ?? {};
    if (delta.role) out.role.push(delta.role);
    out.content += delta.content ?? '';
    out.reasoning += delta.reasoning_content ?? '';
    for (const call of delta.tool_calls ?? []) {
      const open = (out.calls[call.index] ??= { args: '' });
      if (call.id) open.id = /^call_[0-9a-f]{24}$/.test(call.id) ? 'made-up' : call.id;
      if (call.function?.name) open.name = call.function.name;
      open.args += call.function?.arguments ?? '';
    }
    if (choice.finish_reason) out.finishes.push(choice.finish_reason);
  }
  return out;
}

const meta = (parts: StreamPart[]) => parts.filter((p) => p.type === 'meta');

describe('relayed chat stream = translated chat stream', () => {
  it('shows the client the same answer, and the gateway the same usage, finish and characters, whatever the upstream sends', async () => {
    let relayedFrames = 0;
    await fc.assert(
      fc.asyncProperty(upstreamBody, splits, async (body, at) => {
        const translated = await serve(body, at, (d) => d);
        const relayed = await serve(body, at, (d) => new ChatRelayTap(d, IDENTITY, IDENTITY.model));
        if (relayed.parts.some((p) => p.type === 'native')) relayedFrames++;
        expect(relayed.error).toBe(translated.error);
        expect(relayed.usage).toEqual(translated.usage);
        expect(relayed.chars).toBe(translated.chars);
        expect(relayed.finished).toBe(translated.finished);
        expect(meta(relayed.parts)).toEqual(meta(translated.parts));
        const shown = assemble(relayed.frames);
        const expected = assemble(translated.frames);
        // the role is named once, first, whoever names it
        expect(shown.role.slice(0, 1)).toEqual(expected.role.slice(0, 1));
        expect({ ...shown, role: undefined }).toEqual({ ...expected, role: undefined });
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // the property is not vacuous: many streams relay some of their events
    expect(relayedFrames).toBeGreaterThan(500);
  });
});

describe('ChunkFrame', () => {
  const head = '{"id":"a","object":"chat.completion.chunk","created":1,"model":"m"';
  const chunk = (content: string, tail = ',"obfuscation":"ab"}') => `${head},"choices":[{"index":0,"delta":{"content":"${content}"},"finish_reason":null}]${tail}`;

  function learned(first: string): ChunkFrame {
    const scanner = new PlainChunkScanner();
    expect(scanner.scan(first, head.length)).toBe(true);
    const frame = new ChunkFrame();
    frame.learn(first, head.length, scanner);
    return frame;
  }

  it('knows a chunk framed as the learned one by comparing, and counts its content as decoded', () => {
    const frame = learned(chunk('Hello'));
    expect(frame.match(chunk(' world'), head.length)).toBe(6);
    expect(frame.match(chunk('\\u00e9\\n', ',"obfuscation":"a much longer one"}'), head.length)).toBe(2);
    expect(frame.match(chunk(''), head.length)).toBe(0);
    expect(frame.deltaAt(head.length)).toBe(chunk('x').indexOf('"delta":{') + 9);
  });

  it('leaves to the scanner what it cannot tell by comparing, and never counts what is not a valid string', () => {
    const frame = learned(chunk('Hello'));
    // the JSON text of each content (or of the chunk's end)
    const cases: Array<[string, string | undefined, number]> = [
      ['say \\"hi\\"', undefined, -1], // an escaped quote: read whole
      ['ends with \\\\', undefined, 11], // an escaped backslash, then the real closing quote
      ['a lone \\', undefined, -1], // the closing quote escaped: no string end there
      ['bad \\q escape', undefined, -1],
      ['x', ',"obfuscation":"a\\"b"}', -1],
      ['x', ',"obfuscation":"ab"} ', -1],
      ['x', ',"obfuscation":null}', -1],
      ['x', '}', -1],
    ];
    for (const [content, tail, expected] of cases) {
      const other = chunk(content, tail);
      expect(frame.match(other, head.length), other).toBe(expected);
      if (expected >= 0) expect((JSON.parse(other) as { choices: Array<{ delta: { content: string } }> }).choices[0]!.delta.content).toHaveLength(expected);
    }
    const finished = `${head},"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}],"obfuscation":"ab"}`;
    expect(frame.match(finished, head.length)).toBe(-1);
  });

  it('learns nothing from a chunk whose delta holds more than its content', () => {
    const frame = learned(`${head},"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}`);
    expect(frame.match(`${head},"choices":[{"index":0,"delta":{"role":"assistant","content":"Ho"},"finish_reason":null}]}`, head.length)).toBe(-1);
  });
});

describe('PlainChunkScanner', () => {
  const scanner = new PlainChunkScanner();
  const head = '{"id":"a","object":"chat.completion.chunk","created":1,"model":"m"';
  const scan = (rest: string) => scanner.scan(head + rest, head.length);

  it('reads a plain chunk: where its delta starts, its characters as decoded, whether it names the role', () => {
    expect(scan(',"system_fingerprint":"fp","choices":[{"index":0,"delta":{"role":"assistant","content":"h\\u00e9\\n"},"logprobs":null,"finish_reason":null}],"usage":null}')).toBe(true);
    expect(scanner).toMatchObject({ chars: 3, role: true, emptyDelta: false });
    expect(scan(' , "choices" : [ { "delta" : { } , "index" : 0 } ] } ')).toBe(true);
    expect(scanner).toMatchObject({ chars: 0, role: false, emptyDelta: true });
  });

  it('refuses what the translation would show otherwise', () => {
    for (const rest of [
      ',"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}]}',
      ',"choices":[{"index":0,"delta":{"content":"x"}}],"usage":{"prompt_tokens":1}}',
      ',"choices":[{"index":0,"delta":{"tool_calls":[]}}]}',
      ',"choices":[{"index":0,"delta":{"reasoning":"r"}}]}',
      ',"choices":[{"index":0,"delta":{"role":""}}]}',
      ',"choices":[{"index":1,"delta":{"content":"x"}}]}',
      ',"choices":[{"index":0,"delta":{"content":"x"}},{"index":1,"delta":{}}]}',
      ',"choices":[{"index":0,"delta":{"content":"x"},"logprobs":{"content":[]}}]}',
      ',"choices":[]}',
      ',"error":"x","choices":[{"index":0,"delta":{}}]}',
      ',"model":"again","choices":[{"index":0,"delta":{}}]}',
      ',"x_groq":{},"choices":[{"index":0,"delta":{}}]}',
      ',"choices":[{"index":0,"delta":{"content":"\\x"}}]}',
      ',"choices":[{"index":0,"delta":{"content":"x"}}]}}',
      ',"choices":[{"index":0,"delta":{"content":"x"}}]',
      ',"choices":[{"index":0,\n"delta":{"content":"x"}}]}',
      ',"n":01,"choices":[{"index":0,"delta":{"content":"x"}}]}',
    ]) {
      expect(scan(rest), rest).toBe(false);
    }
  });
});
