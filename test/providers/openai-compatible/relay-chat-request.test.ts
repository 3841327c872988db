import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../../src/api/openai/parse-chat-request.js';
import { convertToOpenAIChatRequest } from '../../../src/providers/openai-compatible/convert-to-openai-chat-request.js';
import { OPENAI_COMPATIBLE_PROFILES, type OpenAICompatibleProfile } from '../../../src/providers/openai-compatible/profiles.js';
import { relayChatBody } from '../../../src/providers/openai-compatible/relay-chat-request.js';
import type { NativeRequest } from '../../../src/spec/native-request.js';
import { validBody, type Body } from '../../fuzz/support/chat-arbitraries.js';

/**
 * The request side of the chat fast path: relayChatBody sends the client's body only where the translation
 * (parse, then convertToOpenAIChatRequest) would send the same JSON, field order aside. Checked on generated
 * bodies, valid ones and ones with what the translation rewrites, for profiles that differ in what they
 * rewrite (the output-limit field, renamed fields, no stream_options).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const PROFILES: OpenAICompatibleProfile[] = ['openai-compatible', 'openai', 'mistral', 'deepseek'].map((n) => OPENAI_COMPATIBLE_PROFILES[n]!);
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const native = (body: Body): NativeRequest => ({ wire: 'openai-chat', body, headers: {} });

/** What translation rewrites, added to a valid body one or two at a time. */
const REWRITTEN: Array<(b: Body) => Body> = [
  (b) => ({ ...b, n: 1 }),
  (b) => ({ ...b, stop: 'END' }),
  (b) => ({ ...b, stop: [] }),
  (b) => ({ ...b, logprobs: false }),
  (b) => ({ ...b, temperature: null }),
  (b) => ({ ...b, top_k: null }),
  (b) => ({ ...b, max_completion_tokens: 9 }),
  (b) => ({ ...b, max_tokens: 7, max_completion_tokens: 9 }),
  (b) => ({ ...b, tools: [] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'system', content: 'x', name: 'sys' }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'assistant', content: 'x', reasoning_content: 'why' }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'assistant', content: 'x', tool_calls: [] }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'user', content: 'x', name: null }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: null } }] }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'tool', tool_call_id: 'c', content: [{ type: 'text', text: 'r' }] }] }),
  (b) => ({ ...b, tool_choice: 'none', tools: [{ type: 'function', function: { name: 'f', description: null } }] }),
  (b) => ({ ...b, tools: [{ type: 'function', function: { name: 'f' }, extra: 1 }] }),
  (b) => ({ ...b, response_format: { type: 'json_schema', json_schema: { name: 'o', schema: {}, extra: true } } }),
];

/** Bodies the translation would send unchanged but for model and stream fields: kept plain. */
const PLAIN_EXTRAS: Array<(b: Body) => Body> = [
  (b) => ({ ...b, top_k: 40, enable_thinking: false }),
  (b) => ({ ...b, models: null, provider: null }),
  (b) => ({ ...b, logprobs: true, top_logprobs: 2 }),
  (b) => ({ ...b, tools: [{ type: 'function', function: { name: 'f', strict: true, parameters: { type: 'object' } } }], tool_choice: { type: 'function', function: { name: 'f' } } }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'user', name: 'ada', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }] }),
  (b) => ({ ...b, messages: [...(b.messages as unknown[]), { role: 'assistant', content: null, name: 'bot', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c', content: 'ok' }] }),
];

const text = fc.string({ maxLength: 20 });
/** Bodies as most clients send them: string contents, scalar parameters. */
const plainBody: fc.Arbitrary<Body> = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content: text }),
        fc.record({ role: fc.constant('tool'), tool_call_id: fc.constant('c1'), content: text }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.record(
      {
        stream: fc.boolean(),
        stream_options: fc.record({ include_usage: fc.boolean() }),
        temperature: fc.double({ min: 0, max: 2, noNaN: true }),
        max_tokens: fc.integer({ min: 1, max: 4096 }),
        max_completion_tokens: fc.integer({ min: 1, max: 4096 }),
        seed: fc.integer(),
        stop: fc.array(text, { minLength: 1, maxLength: 2 }),
        user: text,
        models: fc.constant(['other']),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([messages, fields]) => ({ model: 'alias', messages, ...fields }));

const body = fc
  .tuple(fc.oneof(validBody, plainBody), fc.subarray([...REWRITTEN, ...PLAIN_EXTRAS], { maxLength: 2 }))
  .map(([b, edits]) => edits.reduce((acc, edit) => edit(acc), b));

function translated(b: Body, profile: OpenAICompatibleProfile, stream: boolean): unknown {
  return viaJson(convertToOpenAIChatRequest(parseChatRequest(viaJson(b)), 'upstream-model', profile, stream));
}

describe('relayChatBody', () => {
  it('sends the client body only where the translation would send the same JSON, for every profile, streamed or not', () => {
    let relayed = 0;
    let runs = 0;
    fc.assert(
      fc.property(body, fc.constantFrom(...PROFILES), fc.boolean(), (b, profile, stream) => {
        const client = viaJson(b) as Body;
        let expected: unknown;
        try {
          expected = translated(client, profile, stream);
        } catch {
          return; // refused by the door: never reaches an adapter
        }
        runs++;
        const before = JSON.stringify(client);
        const out = relayChatBody(native(client), 'upstream-model', profile, stream);
        expect(JSON.stringify(client)).toBe(before); // the client's body is never changed
        if (out === undefined) return;
        relayed++;
        expect(viaJson(out)).toStrictEqual(expected);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    // both outcomes are exercised (most generated bodies carry something the translation rewrites)
    expect(relayed).toBeGreaterThan(50);
    expect(relayed).toBeLessThan(runs);
  });

  it('relays every body as most clients send it (string contents, one output limit) for the generic profile', () => {
    const compatible = OPENAI_COMPATIBLE_PROFILES['openai-compatible']!;
    fc.assert(
      fc.property(plainBody.filter((b) => !('max_completion_tokens' in b)), fc.boolean(), (b, stream) => {
        const out = relayChatBody(native(b), 'upstream-model', compatible, stream);
        expect(out).toBeDefined();
        expect(viaJson(out)).toStrictEqual(translated(b, compatible, stream));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('relays a plain body, and falls back on each thing the translation rewrites', () => {
    const plain: Body = { model: 'alias', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], max_tokens: 10, temperature: 0.3, stop: ['x'], provider: { sort: 'price' } };
    const compatible = OPENAI_COMPATIBLE_PROFILES['openai-compatible']!;
    const { provider: _gatewayOnly, ...forwarded } = plain;
    expect(relayChatBody(native(plain), 'up', compatible, true)).toStrictEqual({ ...forwarded, model: 'up', stream: true, stream_options: { include_usage: true } });
    expect(relayChatBody(native({ ...plain, messages: [{ role: 'developer', content: 'Be brief.' }] }), 'up', compatible, false)).toBeUndefined();
    // OpenAI takes max_completion_tokens: a body with max_tokens is translated for it
    expect(relayChatBody(native(plain), 'up', OPENAI_COMPATIBLE_PROFILES.openai!, false)).toBeUndefined();
    const { max_tokens: _m, ...noLimit } = plain;
    expect(relayChatBody(native({ ...noLimit, max_completion_tokens: 10 }), 'up', OPENAI_COMPATIBLE_PROFILES.openai!, false)).toBeDefined();
    // Mistral renames seed and takes no stream_options
    const mistral = OPENAI_COMPATIBLE_PROFILES.mistral!;
    expect(relayChatBody(native({ ...plain, seed: 1 }), 'up', mistral, true)).toBeUndefined();
    expect(relayChatBody(native(plain), 'up', mistral, true)).not.toHaveProperty('stream_options');
    for (const edit of REWRITTEN) {
      const b = edit(plain);
      let expected: unknown;
      try {
        expected = translated(b, compatible, false);
      } catch {
        continue;
      }
      const got = relayChatBody(native(b), 'upstream-model', compatible, false);
      expect(got === undefined ? expected : viaJson(got)).toStrictEqual(expected);
    }
  });
});
