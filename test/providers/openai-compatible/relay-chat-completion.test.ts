import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeChatCompletion } from '../../../src/api/openai/encode-chat-completion.js';
import { spliceChatCompletion } from '../../../src/api/openai/splice-chat-completion.js';
import { cutPlainCompletion } from '../../../src/providers/openai-compatible/cut-plain-completion.js';
import { findMembers } from '../../../src/providers/openai-compatible/find-json-members.js';
import { parseOpenAIChatResponse } from '../../../src/providers/openai-compatible/parse-openai-chat-response.js';
import type { JsonObject } from '../../../src/providers/toolkit/json-shapes.js';

/**
 * A whole chat completion relayed (spliced) against the same answer translated (parsed, then encoded by
 * the door): for generated bodies, compact or pretty-printed, plain or not, a spliced body is valid JSON
 * that an OpenAI client reads as the translated one, the door's id, clock, model and usage with cost in it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const IDENTITY = { id: 'chatcmpl-gateway', created: 1767000000, model: 'served-model' };
const PRICED = { cost: 0.0012, costEstimated: false } as never;

const text = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('', 'é😀', 'a"b\\c', 'line\nbreak', '{"usage":1}'));
const toolCall = fc.record({ id: fc.constantFrom('call_1', 'call_2', ''), type: fc.constant('function'), function: fc.record({ name: fc.constantFrom('f', 'g', ''), arguments: fc.oneof(fc.constantFrom('{}', '{"a":1}'), fc.constant({ a: 1 })) }) });
/** Messages as OpenAI writes them: the kind that is spliced. */
const plainMessage = fc.oneof(
  fc.record({ role: fc.constant('assistant'), content: text, refusal: fc.constant(null), annotations: fc.constant([]) }),
  fc.record({ role: fc.constant('assistant'), content: fc.constant(null), tool_calls: fc.array(fc.record({ id: fc.constantFrom('call_1', 'call_2'), type: fc.constant('function'), function: fc.record({ name: fc.constantFrom('f', 'g'), arguments: fc.constantFrom('{}', '{"a":1}') }) }), { minLength: 1, maxLength: 2 }) }),
  fc.record({ role: fc.constant('assistant'), content: text.filter((t) => t !== ''), reasoning_content: text.filter((t) => t !== '') }),
);
const noisyMessage = fc.record(
  {
    role: fc.constantFrom('assistant', 'assistant', 'assistant', 'model'),
    content: fc.oneof(text, fc.constant(null), fc.constant([{ type: 'text', text: 'parts' }])),
    reasoning_content: fc.oneof(text, fc.constant(null)),
    reasoning: fc.oneof(text, fc.constant(null)),
    refusal: fc.oneof(fc.constant(null), text),
    tool_calls: fc.oneof(fc.constant(null), fc.constant([]), fc.array(toolCall, { minLength: 1, maxLength: 2 })),
    annotations: fc.constantFrom([], [{ type: 'url_citation' }]),
    audio: fc.constant(null),
  },
  { requiredKeys: ['role'] },
);
const message = fc.oneof({ weight: 3, arbitrary: plainMessage }, { weight: 2, arbitrary: noisyMessage });
const usage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 } }),
  fc.constant({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 9, completion_tokens_details: { reasoning_tokens: 4 } }),
);
const completion = fc
  .record({
    head: fc.constantFrom('id-first', 'id-first', 'id-last', 'usage-first', 'no-id'),
    object: fc.constantFrom('chat.completion', 'chat.completion', 'chat.completion', 'text_completion'),
    message,
    finish: fc.constantFrom('stop', 'stop', 'length', 'tool_calls', 'eos', 'content_filter', undefined),
    logprobs: fc.constantFrom(null, null, undefined, { content: [] }),
    index: fc.constantFrom(0, 0, 0, 1),
    usage,
    extra: fc.constantFrom({}, { system_fingerprint: 'fp_x', service_tier: 'default' }, { system_fingerprint: null }, { x_groq: { id: 'r' } }, { citations: ['u'] }),
    choiceUsage: fc.constantFrom(false, false, false, true),
    pretty: fc.boolean(),
  })
  .map((g) => {
    const choice: Record<string, unknown> = { index: g.index, message: g.message, ...(g.logprobs !== undefined && { logprobs: g.logprobs }), ...(g.finish !== undefined && { finish_reason: g.finish }) };
    if (g.choiceUsage && g.usage) choice.usage = g.usage;
    const body: Record<string, unknown> = {};
    if (g.head === 'usage-first' && g.usage !== undefined && !g.choiceUsage) body.usage = g.usage;
    if (g.head === 'id-first' || g.head === 'usage-first') Object.assign(body, { id: 'chatcmpl-up', object: g.object, created: 1700000000, model: 'up-model' });
    body.choices = [choice];
    if (g.usage !== undefined && !g.choiceUsage) body.usage = g.usage;
    Object.assign(body, g.extra);
    if (g.head === 'id-last') Object.assign(body, { model: 'up-model', object: g.object, id: 'chatcmpl-up', created: 1700000000 });
    return JSON.stringify(body, null, g.pretty ? 2 : undefined);
  });

/** What an OpenAI client reads from a completion. */
function read(body: Record<string, any>) {
  const choice = body.choices[0];
  const m = choice.message;
  return {
    id: body.id,
    object: body.object,
    created: body.created,
    model: body.model,
    usage: body.usage,
    choices: body.choices.length,
    index: choice.index,
    finish: choice.finish_reason,
    logprobs: choice.logprobs ?? null,
    role: m.role,
    content: m.content,
    reasoning: m.reasoning_content ?? undefined,
    refusal: m.refusal ?? undefined,
    toolCalls: m.tool_calls ?? [],
    other: Object.entries(m).filter(([k, v]) => !['role', 'content', 'reasoning_content', 'refusal', 'tool_calls'].includes(k) && v !== null && !(Array.isArray(v) && v.length === 0)),
  };
}

describe('relayed chat completion = translated chat completion', () => {
  it('splices only bodies an OpenAI client reads as the translated answer', () => {
    let spliced = 0;
    fc.assert(
      fc.property(completion, (text) => {
        const json = JSON.parse(text) as JsonObject;
        let result;
        try {
          result = parseOpenAIChatResponse('up', json, false, []);
        } catch {
          return; // an error either way
        }
        const translated = JSON.parse(JSON.stringify(encodeChatCompletion(result, IDENTITY, PRICED))) as Record<string, any>;
        const cuts = cutPlainCompletion(text, json, result);
        if (!cuts) return;
        spliced++;
        const relayed = JSON.parse(spliceChatCompletion(text, cuts, IDENTITY, result.usage, PRICED)) as Record<string, any>;
        expect(read(relayed)).toEqual(read(translated));
      }),
      { seed: SEED, numRuns: 4000 },
    );
    expect(spliced).toBeGreaterThan(200);
  });
});

describe('findMembers', () => {
  it("finds top-level members' value spans, stepping over nested values and strings", () => {
    const text = '{ "choices": [{"id": "nested", "x": "}\\"]"}], "id" : "top" , "usage":{"a":{"b":[1,2]}},"n":-1.5e3}';
    const at = findMembers(text, ['id', 'usage', 'n', 'missing']);
    expect(at && text.slice(...at.id!)).toBe('"top"');
    expect(at && text.slice(...at.usage!)).toBe('{"a":{"b":[1,2]}}');
    expect(at && text.slice(...at.n!)).toBe('-1.5e3');
    expect(at?.missing).toBeUndefined();
    expect(findMembers('{"id":1,"id":2}', ['id'])).toBeUndefined();
    expect(findMembers('[1]', ['id'])).toBeUndefined();
  });
});
