import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { readSharedFixture, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { collectEvents, deltas, finalResponse, messageText } from './responses-kit.js';

/** Responses in, Gemini generateContent out: recorded Gemini answers read by the openai SDK as Responses output. */
const FIXTURES = 'vercel-ai/packages/google/src/__fixtures__';
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    providers: { google: { type: 'gemini', api_key: 'gemini-test-secret', base_url: `${upstream.url}/v1beta` } },
    models: { gemini: { deployments: ['google/gemini-3-pro-preview'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

const fixture = (name: string) => readSharedFixture(`${FIXTURES}/${name}`);

describe.skipIf(sharedFixturesSkipReason !== '')('Responses in, Gemini out', () => {
  it('text with thinking tokens, whole: the message, usage with reasoning tokens, the translated request', async () => {
    const recorded = JSON.parse(fixture('google-reasoning.json'));
    upstream.reply({ json: recorded });
    const res = await gateway.client.responses.create({ model: 'gemini', instructions: 'Be brief.', input: 'How many r in strawberry?', max_output_tokens: 1024 });
    const meta = recorded.usageMetadata;
    expect(res.status).toBe('completed');
    expect(res.output_text).toBe(recorded.candidates[0].content.parts[0].text);
    expect(res.usage).toMatchObject({
      input_tokens: meta.promptTokenCount,
      output_tokens: meta.candidatesTokenCount + meta.thoughtsTokenCount,
      output_tokens_details: { reasoning_tokens: meta.thoughtsTokenCount },
    });
    const sent = upstream.lastRequest;
    expect(sent.url).toContain('gemini-3-pro-preview:generateContent');
    expect(sent.json).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'How many r in strawberry?' }] }],
      generationConfig: { maxOutputTokens: 1024 },
    });
  });

  it('text, streamed: output_text deltas and response.completed', async () => {
    const text = fixture('google-reasoning.chunks.txt');
    const expected = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l).candidates[0].content.parts.map((p: { text?: string }) => p.text ?? '').join(''))
      .join('');
    upstream.reply({ sse: framesFromChunks(text) });
    const events = await collectEvents(await gateway.client.responses.create({ model: 'gemini', input: 'How many r in strawberry?', stream: true }));
    expect(deltas(events, 'response.output_text.delta')).toBe(expected);
    const done = finalResponse(events);
    expect(done.status).toBe('completed');
    expect(messageText(done)).toBe(expected);
    expect(upstream.lastRequest.url).toContain(':streamGenerateContent');
  });

  it('a function call, whole: a function_call item with the arguments as JSON text', async () => {
    const recorded = JSON.parse(fixture('google-tool-call.json'));
    upstream.reply({ json: recorded });
    const res = await gateway.client.responses.create({
      model: 'gemini',
      input: 'Weather in San Francisco?',
      tools: [{ type: 'function', name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }, strict: false }],
    });
    const call = res.output.find((o) => o.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'weather', status: 'completed' });
    expect(JSON.parse((call as { arguments: string }).arguments)).toEqual(recorded.candidates[0].content.parts[0].functionCall.args);
    expect(upstream.lastRequest.json.tools[0].functionDeclarations[0]).toMatchObject({ name: 'weather' });
  });
});
