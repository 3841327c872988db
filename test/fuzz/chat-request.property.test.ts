import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { GatewayError } from '../../src/spec/gateway-error.js';
import { bodyWithOneWrongField, hostileJson, nested, validBody, type Body } from './support/chat-arbitraries.js';

/**
 * Properties of parseChatRequest over structured bodies (fast-check): JSON that is valid but wrong in one
 * field is refused with a 400 naming that field; hostile values anywhere (odd numbers, lone surrogates,
 * control characters, prototype keys, nesting up to the 64-level limit) end in a 4xx GatewayError or a
 * request, never in another error.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;
const viaJson = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

function refusal(body: unknown): GatewayError | undefined {
  try {
    parseChatRequest(viaJson(body));
    return undefined;
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    return err;
  }
}

describe('property: chat request decoder', () => {
  it('accepts every valid body, keeping its model and messages', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const req = parseChatRequest(viaJson(body));
        expect(req.model).toBe(body.model);
        expect(req.messages).toHaveLength((body.messages as unknown[]).length);
      }),
      { seed: SEED, numRuns: RUNS ?? 3000 },
    );
  });

  it('refuses a body with one wrong field with a 400 that names the field', () => {
    fc.assert(
      fc.property(bodyWithOneWrongField, ({ body, param }) => {
        const err = refusal(body);
        expect(err, 'accepted').toBeInstanceOf(GatewayError);
        expect(err!.status).toBe(400);
        const named = err!.param ?? '';
        expect(named === param || named.startsWith(`${param}.`) || named.startsWith(`${param}[`), `param ${named} for ${param}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS ?? 5000 },
    );
  });

  it('answers hostile values in any field with a 4xx GatewayError or a request', () => {
    const place = fc.constantFrom<Array<(b: Body, v: unknown) => void>>(
      (b, v) => (b.model = v),
      (b, v) => (b.messages = v),
      (b, v) => ((b.messages as Body[])[0] = { role: 'user', content: v }),
      (b, v) => ((b.messages as Body[])[0] = { role: 'user', content: [{ type: 'text', text: v }] }),
      (b, v) => (b.tools = [{ type: 'function', function: { name: 'f', parameters: v } }]),
      (b, v) => (b.response_format = { type: 'json_schema', json_schema: { name: 'x', schema: v } }),
      (b, v) => (b.extra_vendor_field = v),
      (b, v) => (b.provider = v),
      (b, v) => (b.router = v),
      (b, v) => (b.logit_bias = v),
      (b, v) => (b.stop = v),
      (b, v) => (b.max_tokens = v),
      (b, v) => (b[(typeof v === 'string' ? v : (JSON.stringify(v) ?? 'k')).slice(0, 20)] = v),
    );
    fc.assert(
      fc.property(validBody, hostileJson, place, (body, value, put) => {
        put(body, value);
        const err = refusal(body);
        if (err) expect(err.status, err.message).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS ?? 5000 },
    );
  });

  it('takes bodies nested up to the 64-level limit without failing on their depth', () => {
    fc.assert(
      fc.property(validBody, fc.integer({ min: 1, max: 60 }), fc.boolean(), (body, depth, asArray) => {
        body.tools = [{ type: 'function', function: { name: 'deep', parameters: { type: 'object', properties: { a: nested(depth, { type: 'string' }, false) } } } }];
        body.deep_extra = nested(depth, 1, asArray);
        const err = refusal(body);
        if (err) expect(err.status, err.message).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS ? Math.ceil(RUNS / 10) : 500 },
    );
  });

  it('refuses control characters and line breaks in model names, naming the field', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f), fc.string({ maxLength: 20 }), (a, c, b) => {
        for (const field of ['model', 'models'] as const) {
          const name = a + String.fromCharCode(c) + b;
          const messages = [{ role: 'user', content: 'x' }];
          const body = field === 'model' ? { model: name, messages } : { model: 'm', messages, models: [name] };
          const err = refusal(body);
          expect(err?.status).toBe(400);
          expect(err?.param?.startsWith(field)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS ?? 2000 },
    );
  });
});
