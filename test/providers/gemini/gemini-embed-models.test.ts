import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import type { EmbeddingRequest } from '../../../src/spec/embedding.js';
import { API_KEY, ownJson, startGeminiRig, type GeminiRig } from './gemini-test-kit.js';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());

const embedCall = (request: Partial<EmbeddingRequest>) => ({
  request: { model: 'embed', input: ['a', 'b'], ...request } as EmbeddingRequest,
  model: 'gemini-embedding-001',
  signal: new AbortController().signal,
});

describe('gemini embeddings', () => {
  it('embeds every input through batchEmbedContents, in input order', async () => {
    rig.upstream.reply({ json: ownJson('embeddings.json') });
    const result = await rig.adapter.embed!(embedCall({ input: ['first text', 'second text'], dimensions: 3 }));
    const req = rig.upstream.lastRequest;
    expect(req.url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(req.headers['x-goog-api-key']).toBe(API_KEY);
    expect(req.json).toEqual({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'first text' }] }, outputDimensionality: 3 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'second text' }] }, outputDimensionality: 3 },
      ],
    });
    expect(result).toEqual({ model: 'gemini-embedding-001', data: [[0.25, -0.5, 0.125], [1, 0, -1]] });
  });

  it('encodes vectors as base64 float32 when asked', async () => {
    rig.upstream.reply({ json: ownJson('embeddings.json') });
    const result = await rig.adapter.embed!(embedCall({ encodingFormat: 'base64' }));
    const decoded = result.data.map((d) => [...new Float32Array(new Uint8Array(Buffer.from(d as string, 'base64')).buffer)]);
    expect(decoded).toEqual([[0.25, -0.5, 0.125], [1, 0, -1]]);
  });

  it('splits more than 100 inputs into batches Gemini accepts', async () => {
    rig.upstream.reply((req) => ({
      json: { embeddings: req.json.requests.map((r: any) => ({ values: [Number(r.content.parts[0].text)] })) },
    }));
    const input = Array.from({ length: 230 }, (_, i) => String(i));
    const result = await rig.adapter.embed!(embedCall({ input }));
    expect(rig.upstream.requests.map((r) => r.json.requests.length)).toEqual([100, 100, 30]);
    expect(result.data).toEqual(input.map((s) => [Number(s)]));
  });

  it('refuses token-id input', async () => {
    const err = (await rig.adapter.embed!(embedCall({ input: [1, 2, 3] })).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('invalid_request');
    expect(err.param).toBe('input');
  });

  it('refuses an answer with the wrong number of vectors', async () => {
    rig.upstream.reply({ json: { embeddings: [{ values: [1] }] } });
    const err = (await rig.adapter.embed!(embedCall({})).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('upstream_invalid_response');
  });
});

describe('gemini model list', () => {
  it('lists model names without the models/ prefix, following page tokens', async () => {
    rig.upstream.reply((req) =>
      req.url.includes('pageToken=page-2')
        ? { json: { models: [{ name: 'models/gemini-2.5-pro' }] } }
        : { json: ownJson('models.json') },
    );
    const names = await rig.adapter.listModels!(new AbortController().signal);
    expect(names).toEqual(['gemini-2.5-flash', 'gemini-embedding-001', 'gemini-2.5-pro']);
    expect(rig.upstream.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/v1beta/models?pageSize=1000'],
      ['GET', '/v1beta/models?pageSize=1000&pageToken=page-2'],
    ]);
    expect(rig.upstream.lastRequest.headers['x-goog-api-key']).toBe(API_KEY);
  });

  it('throws the provider error when listing fails', async () => {
    rig.upstream.reply({ status: 403, json: ownJson('error-403.json') });
    const err = (await rig.adapter.listModels!(new AbortController().signal).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('upstream_auth_failed');
  });
});
