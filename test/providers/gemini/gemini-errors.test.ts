import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError, type GatewayErrorCode } from '../../../src/spec/gateway-error.js';
import { API_KEY, call, chatRequest, ownJson, startGeminiRig, type GeminiRig } from './gemini-test-kit.js';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());

async function failure(reply: { status: number; json?: unknown; body?: string; headers?: Record<string, string> }, stream = false) {
  rig.upstream.reply(reply);
  const request = chatRequest({ stream });
  const attempt = stream ? rig.adapter.streamChat(call(request)) : rig.adapter.chat(call(request));
  const err = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  const e = err as GatewayError;
  expect(e.message).not.toContain(API_KEY);
  expect(rig.upstream.lastRequest.url).not.toContain(API_KEY);
  expect(e.provider).toBe('gemini-test');
  return e;
}

describe('gemini error answers', () => {
  it.each<[string, number, GatewayErrorCode, string]>([
    ['error-400.json', 400, 'upstream_bad_request', 'at most 5 stop sequences'],
    ['error-403.json', 403, 'upstream_auth_failed', "rejected the gateway's credentials (HTTP 403)"],
    ['error-503.json', 503, 'upstream_unavailable', 'The model is overloaded'],
  ])('maps %s (HTTP %i) to %s', async (file, status, code, message) => {
    for (const stream of [false, true]) {
      const err = await failure({ status, json: ownJson(file) }, stream);
      expect(err.code).toBe(code);
      expect(err.upstreamStatus).toBe(status);
      expect(err.message).toContain(message);
    }
  });

  it('treats a rejected API key (HTTP 400, API_KEY_INVALID) as the gateway credentials failing', async () => {
    const err = await failure({ status: 400, json: ownJson('error-400-api-key-invalid.json') });
    expect(err.code).toBe('upstream_auth_failed');
    expect(err.status).toBe(502);
    expect(err.upstreamStatus).toBe(400);
    expect(err.message).toContain('API key not valid');
  });

  it('reads the back-off from a RetryInfo detail of an array-wrapped 429', async () => {
    const err = await failure({ status: 429, json: ownJson('error-429.json') });
    expect(err.code).toBe('upstream_rate_limited');
    expect(err.retryable).toBe(true);
    expect(err.retryAfterSeconds).toBe(12);
    expect(err.message).toContain('Resource has been exhausted');
  });

  it('prefers a Retry-After header to the body', async () => {
    const err = await failure({ status: 429, json: ownJson('error-429.json'), headers: { 'retry-after': '3' } });
    expect(err.retryAfterSeconds).toBe(3);
  });

  it('removes the key from an error message that echoes it', async () => {
    const err = await failure({
      status: 400,
      json: { error: { code: 400, message: `API key not valid: ${API_KEY}`, status: 'INVALID_ARGUMENT' } },
    });
    expect(err.code).toBe('upstream_auth_failed');
    expect(err.message).toContain('[redacted]');
  });

  it('keeps a non-JSON error body as the message', async () => {
    const err = await failure({ status: 502, body: 'Bad gateway from the edge' });
    expect(err.code).toBe('upstream_error');
    expect(err.message).toContain('Bad gateway from the edge');
  });

  it('maps a model Gemini does not know to upstream_not_found', async () => {
    const err = await failure({
      status: 404,
      json: { error: { code: 404, message: 'models/gemini-9 is not found for API version v1beta', status: 'NOT_FOUND' } },
    });
    expect(err.code).toBe('upstream_not_found');
  });
});
