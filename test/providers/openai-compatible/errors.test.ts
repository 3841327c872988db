/**
 * Provider error answers as GatewayErrors: the right code and status, the provider's message kept, the
 * API key never repeated. Our own fixtures, in OpenAI's and vLLM's error shapes.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayErrorCode } from '../../../src/spec/gateway-error.js';
import { createOpenAICompatibleAdapter } from '../../../src/providers/openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../../../src/providers/openai-compatible/profiles.js';
import { createHttpClient } from '../../../src/providers/toolkit/create-http-client.js';
import { readOwnFixture } from '../../support/shared-fixtures.js';
import { API_KEY, chat, gatewayError, stream, useAdapter } from './harness.js';

const ownJson = (name: string) => JSON.parse(readOwnFixture(`openai-compatible/${name}`));

interface ErrorCase {
  status: number;
  fixture: string;
  headers?: Record<string, string>;
  code: GatewayErrorCode;
  gatewayStatus: number;
  retryable: boolean;
  message: string;
  retryAfterSeconds?: number;
}

const CASES: ErrorCase[] = [
  {
    status: 400,
    fixture: 'error-400.json',
    code: 'upstream_bad_request',
    gatewayStatus: 400,
    retryable: false,
    message: "Provider 'acme' returned HTTP 400: Invalid value for 'temperature': must be between 0 and 2.",
  },
  {
    status: 401,
    fixture: 'error-401.json',
    code: 'upstream_auth_failed',
    gatewayStatus: 502,
    retryable: true,
    message:
      "Provider 'acme' rejected the gateway's credentials (HTTP 401): Incorrect API key provided: [redacted]. You can find your API key at https://platform.example.com/account/api-keys.",
  },
  {
    status: 429,
    fixture: 'error-429.json',
    headers: { 'retry-after': '20' },
    code: 'upstream_rate_limited',
    gatewayStatus: 429,
    retryable: true,
    retryAfterSeconds: 20,
    message:
      "Provider 'acme' returned HTTP 429: Rate limit reached for requests per minute (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
  },
  {
    status: 500,
    fixture: 'error-500.json',
    code: 'upstream_error',
    gatewayStatus: 502,
    retryable: true,
    message: "Provider 'acme' returned HTTP 500: The server had an error while processing your request. Sorry about that!",
  },
  {
    status: 503,
    fixture: 'error-503.json',
    code: 'upstream_unavailable',
    gatewayStatus: 503,
    retryable: true,
    message: "Provider 'acme' returned HTTP 503: The model is overloaded. Please try again later.",
  },
];

describe('provider error answers', () => {
  const rig = useAdapter('openai-compatible', 'acme');

  for (const c of CASES) {
    for (const streaming of [false, true]) {
      it(`HTTP ${c.status} → ${c.code} (${streaming ? 'streaming' : 'non-streaming'})`, async () => {
        rig.fake.reply({ status: c.status, json: ownJson(c.fixture), headers: c.headers });
        const err = await gatewayError(streaming ? stream(rig) : chat(rig));
        expect(err.code).toBe(c.code);
        expect(err.status).toBe(c.gatewayStatus);
        expect(err.retryable).toBe(c.retryable);
        expect(err.provider).toBe('acme');
        expect(err.upstreamStatus).toBe(c.status);
        expect(err.retryAfterSeconds).toBe(c.retryAfterSeconds);
        expect(err.message).toBe(c.message);
        expect(err.message).not.toContain(API_KEY);
      });
    }
  }

  it('a 502 page from a proxy keeps its text', async () => {
    rig.fake.reply({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    const err = await gatewayError(chat(rig));
    expect(err.code).toBe('upstream_error');
    expect(err.message).toBe("Provider 'acme' returned HTTP 502: <html><body><h1>502 Bad Gateway</h1></body></html>");
  });

  it('a 200 answer that is not JSON is upstream_invalid_response (retryable), non-streaming', async () => {
    rig.fake.reply({ status: 200, body: readOwnFixture('openai-compatible/not-json.html'), headers: { 'content-type': 'text/html' } });
    const err = await gatewayError(chat(rig));
    expect(err.code).toBe('upstream_invalid_response');
    expect(err.retryable).toBe(true);
    expect(err.message).toBe("Provider 'acme' sent a response that is not JSON.");
  });

  it('a 200 answer that is not an event stream is upstream_invalid_response (retryable), streaming', async () => {
    rig.fake.reply({ status: 200, body: readOwnFixture('openai-compatible/not-json.html'), headers: { 'content-type': 'text/html' } });
    const err = await gatewayError(stream(rig));
    expect(err.code).toBe('upstream_invalid_response');
    expect(err.retryable).toBe(true);
  });

  it('a 200 JSON body that is an error object is that error, non-streaming and streaming', async () => {
    const body = { error: { message: 'Rate limit exceeded: free-models-per-day', code: 429 } };
    rig.fake.reply({ status: 200, json: body });
    const err = await gatewayError(chat(rig));
    expect(err.code).toBe('upstream_rate_limited');
    expect(err.message).toBe("Provider 'acme' returned HTTP 429: Rate limit exceeded: free-models-per-day");

    rig.fake.reply({ status: 200, json: body });
    const streamErr = await gatewayError(stream(rig));
    expect(streamErr.code).toBe('upstream_rate_limited');
  });

  it('an in-band stream error that echoes the key does not repeat it', async () => {
    rig.fake.reply({
      sse: [`data: {"error":{"message":"key ${API_KEY} is disabled","type":"invalid_request_error","code":401}}\n\n`],
    });
    const err = await gatewayError(stream(rig));
    expect(err.code).toBe('upstream_auth_failed');
    expect(err.message).not.toContain(API_KEY);
    expect(err.message).toContain('key [redacted] is disabled');
  });

  it('a connection refused is upstream_connection_failed', async () => {
    const http = createHttpClient('nowhere');
    const adapter = createOpenAICompatibleAdapter({
      providerId: 'nowhere',
      profile: OPENAI_COMPATIBLE_PROFILES.vllm!,
      baseUrl: 'http://127.0.0.1:9/v1',
      headers: {},
      http,
    });
    const err = await gatewayError(
      adapter.chat({
        request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: false, includeUsage: false },
        model: 'm',
        signal: new AbortController().signal,
      }),
    );
    await http.close();
    expect(err.code).toBe('upstream_connection_failed');
    expect(err.provider).toBe('nowhere');
  });
});
