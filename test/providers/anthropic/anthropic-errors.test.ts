import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { readOwnFixture, readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { API_KEY, call, chatRequest, collect, sse, startHarness, type Harness } from './anthropic-test-kit.js';

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

describe('anthropic errors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const errorBody = (name: string) => JSON.parse(readOwnFixture(`anthropic/${name}`)) as unknown;

  it('maps upstream error answers to gateway codes, with the provider message and never the key', async () => {
    const cases = [
      { status: 400, body: 'error-400.json', code: 'upstream_bad_request', status2: 400, says: 'max_tokens: must be greater' },
      { status: 401, body: 'error-401.json', code: 'upstream_auth_failed', status2: 502, says: 'invalid x-api-key' },
      { status: 529, body: 'error-529.json', code: 'upstream_unavailable', status2: 503, says: 'Overloaded' },
    ];
    for (const c of cases) {
      for (const stream of [false, true]) {
        h.upstream.reply({ status: c.status, json: errorBody(c.body) });
        const req = chatRequest({ stream });
        const err = await failure(stream ? h.adapter.streamChat(call(req)) : h.adapter.chat(call(req)));
        expect([c.status, err.code, err.status]).toEqual([c.status, c.code, c.status2]);
        expect(err.upstreamStatus).toBe(c.status);
        expect(err.provider).toBe('claude');
        expect(err.message).toContain(c.says);
        expect(err.message).not.toContain(API_KEY);
      }
    }
  });

  it('keeps retry-after on a 429', async () => {
    h.upstream.reply({ status: 429, headers: { 'retry-after': '17' }, json: errorBody('error-429.json') });
    const err = await failure(h.adapter.chat(call(chatRequest())));
    expect(err.code).toBe('upstream_rate_limited');
    expect(err.retryAfterSeconds).toBe(17);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('per-minute rate limit');
  });

  it('throws an in-stream error event as a gateway error after the content before it', async () => {
    h.upstream.reply({ sse: sse(readOwnFixture('anthropic/overloaded-mid-stream.chunks.txt')) });
    const stream = await h.adapter.streamChat(call(chatRequest({ stream: true })));
    const seen: string[] = [];
    const err = await failure(
      (async () => {
        for await (const part of stream) seen.push(part.type === 'text' ? `text:${part.text}` : part.type);
      })(),
    );
    expect(seen).toEqual(['meta', 'usage', 'text:Partial']);
    expect(err.code).toBe('upstream_unavailable');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('Overloaded');
  });

  it('maps other in-stream error types by their HTTP meaning', async () => {
    const types: Array<[string, string]> = [
      ['rate_limit_error', 'upstream_rate_limited'],
      ['invalid_request_error', 'upstream_bad_request'],
      ['api_error', 'upstream_error'],
      ['unheard_of_error', 'upstream_error'],
    ];
    for (const [type, code] of types) {
      h.upstream.reply({ sse: [`event: error\ndata: {"type":"error","error":{"type":"${type}","message":"m"}}\n\n`] });
      const err = await failure(h.adapter.streamChat(call(chatRequest({ stream: true }))).then(collect));
      expect([type, err.code]).toEqual([type, code]);
    }
  });

  it('throws stream_interrupted when the stream is cut or ends before message_stop', async () => {
    const frames = sse(readOwnFixture('anthropic/text-cached.chunks.txt'));
    h.upstream.reply({ sse: frames, cutAfterFrames: 4, frameDelayMs: 5 });
    const cut = await failure(h.adapter.streamChat(call(chatRequest({ stream: true }))).then(collect));
    expect(cut.code).toBe('stream_interrupted');
    expect(cut.message).toContain('closed the connection before its answer was complete');

    h.upstream.reply({ sse: frames.slice(0, -1) });
    const ended = await failure(h.adapter.streamChat(call(chatRequest({ stream: true }))).then(collect));
    expect(ended.code).toBe('stream_interrupted');
    expect(ended.retryable).toBe(false);
  });

  it('refuses a 2xx answer that is not an Anthropic message', async () => {
    h.upstream.reply({ body: 'not json' });
    expect((await failure(h.adapter.chat(call(chatRequest())))).code).toBe('upstream_invalid_response');
    h.upstream.reply({ json: { type: 'message', content: 'oops' } });
    expect((await failure(h.adapter.chat(call(chatRequest())))).code).toBe('upstream_invalid_response');
    h.upstream.reply({ sse: ['event: message_start\ndata: {not json\n\n'] });
    expect((await failure(h.adapter.streamChat(call(chatRequest({ stream: true }))).then(collect))).code).toBe(
      'upstream_invalid_response',
    );
  });

  describe.skipIf(!sharedFixturesDir)('recorded Anthropic error bodies', () => {
    it('maps a recorded invalid_request_error to upstream_bad_request with its message', async () => {
      const text = readSharedFixture('vercel-ai/_history/packages/anthropic/src/__fixtures__/anthropic-issue-17366-error.json');
      h.upstream.reply({ status: 400, body: text, headers: { 'content-type': 'application/json' } });
      const err = await failure(h.adapter.chat(call(chatRequest())));
      expect(err.code).toBe('upstream_bad_request');
      expect(err.message).toContain('unexpected `tool_use_id` found in `tool_result` blocks');
    });
  });
});
