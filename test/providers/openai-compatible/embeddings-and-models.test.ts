import { describe, expect, it } from 'vitest';
import type { EmbeddingRequest } from '../../../src/spec/embedding.js';
import { readOwnFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { API_KEY, gatewayError, recorded, sharedJson, useAdapter, type Rig } from './harness.js';

const ownJson = (name: string) => JSON.parse(readOwnFixture(`openai-compatible/${name}`));

function embed(rig: Rig, request: EmbeddingRequest, model = 'text-embedding-3-small') {
  if (!rig.adapter.embed) throw new Error('this adapter does not embed');
  return rig.adapter.embed({ request, model, signal: new AbortController().signal });
}

describe('embeddings (openai profile, own fixtures)', () => {
  const rig = useAdapter('openai');

  it('returns vectors in input order, whatever order they arrive in', async () => {
    rig.fake.reply({ json: ownJson('embeddings.json') });
    const result = await embed(rig, { model: 'client-name', input: ['first text', 'second text'] });
    expect(result).toEqual({
      model: 'text-embedding-3-small',
      data: [
        [-0.0025, 0.0131, 0.9],
        [0.25, -0.5, 0.125],
      ],
      usage: { inputTokens: 9, raw: { prompt_tokens: 9, total_tokens: 9 } },
    });
    expect(result.usage?.outputTokens).toBeUndefined();
    const sent = rig.fake.lastRequest;
    expect(sent.url).toBe('/v1/embeddings');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.json).toEqual({ model: 'text-embedding-3-small', input: ['first text', 'second text'] });
  });

  it('passes encoding_format, dimensions and user, and keeps base64 vectors as text', async () => {
    rig.fake.reply({ json: ownJson('embeddings-base64.json') });
    const result = await embed(rig, { model: 'e', input: 'hi', encodingFormat: 'base64', dimensions: 3, user: 'u-1' });
    expect(result.data).toEqual(['AACAPgAAAL8AAAA+']);
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'text-embedding-3-small',
      input: 'hi',
      encoding_format: 'base64',
      dimensions: 3,
      user: 'u-1',
    });
  });

  it('an answer in an unknown shape, or with no vectors, is upstream_invalid_response', async () => {
    for (const json of [{ data: [{ index: 0, vector: [1, 2] }] }, { object: 'list', data: [] }, {}]) {
      rig.fake.reply({ json });
      const err = await gatewayError(embed(rig, { model: 'e', input: 'hi' }));
      expect(err.code).toBe('upstream_invalid_response');
    }
  });

  it('a 200 body that is an error object is that error', async () => {
    rig.fake.reply({ json: { error: { message: 'Input too long', type: 'invalid_request_error', code: 400 } } });
    const err = await gatewayError(embed(rig, { model: 'e', input: 'hi' }));
    expect(err.code).toBe('upstream_bad_request');
    expect(err.message).toBe("Provider 'openai' returned HTTP 400: Input too long");
  });

  it('an error answer is mapped like a chat error', async () => {
    rig.fake.reply({ status: 429, headers: { 'retry-after': '3' }, json: ownJson('error-429.json') });
    const err = await gatewayError(embed(rig, { model: 'e', input: 'hi' }));
    expect(err.code).toBe('upstream_rate_limited');
    expect(err.retryAfterSeconds).toBe(3);
  });
});

describe('embeddings are offered only where the profile says so', () => {
  const rig = useAdapter('deepseek');
  it('deepseek has no embed()', () => {
    expect(rig.adapter.embed).toBeUndefined();
  });
});

describe.skipIf(!sharedFixturesDir)(recorded('embeddings (openai recording)'), () => {
  const rig = useAdapter('openai');

  it('openai-embedding.json', async () => {
    rig.fake.reply({ json: sharedJson('vercel-ai/packages/openai/src/embedding/__fixtures__/openai-embedding.json') });
    const result = await embed(rig, { model: 'e', input: ['sunny day at the beach', 'rainy day in the city'] });
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.data).toEqual([
      [0.0057293195, -0.012727811, 0.020042092, -0.013437585, 0.022833068],
      [-0.037104916, -0.05178114, -0.008340587, 0.001164541, -0.0035253682],
    ]);
    expect(result.usage?.inputTokens).toBe(12);
  });
});

describe('model listing', () => {
  const rig = useAdapter('deepseek');

  it('lists the ids from GET /models', async () => {
    rig.fake.reply({ json: ownJson('models.json') });
    const models = await rig.adapter.listModels!(new AbortController().signal);
    expect(models).toEqual(['deepseek-chat', 'deepseek-reasoner']);
    expect(rig.fake.lastRequest.method).toBe('GET');
    expect(rig.fake.lastRequest.url).toBe('/v1/models');
    expect(rig.fake.lastRequest.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });
});
