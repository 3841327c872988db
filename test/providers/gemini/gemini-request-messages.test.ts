import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest, Message } from '../../../src/spec/chat-request.js';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { API_KEY, call, chatRequest, collect, ownFrames, ownJson, startGeminiRig, type GeminiRig } from './gemini-test-kit.js';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.upstream.reply({ json: ownJson('max-tokens.json') }));

/** Send a request through the adapter and return the body Gemini received. */
async function sent(overrides: Partial<ChatRequest>): Promise<any> {
  await rig.adapter.chat(call(chatRequest(overrides)));
  return rig.upstream.lastRequest.json;
}

describe('gemini request: where it goes and how it authenticates', () => {
  it('posts generateContent for the deployment model with the key in x-goog-api-key only', async () => {
    await rig.adapter.chat(call(chatRequest(), 'gemini-2.5-flash'));
    const req = rig.upstream.lastRequest;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(req.headers['x-goog-api-key']).toBe(API_KEY);
    expect(req.headers['x-team']).toBe('switchyard');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.url).not.toContain(API_KEY);
    expect(req.body).not.toContain(API_KEY);
  });

  it('streams from streamGenerateContent?alt=sse', async () => {
    rig.upstream.reply({ sse: ownFrames('thinking-text.chunks.txt') });
    await collect(await rig.adapter.streamChat(call(chatRequest({ stream: true }), 'gemini-2.5-pro')));
    expect(rig.upstream.lastRequest.url).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(rig.upstream.lastRequest.url).not.toContain(API_KEY);
  });

  it('keeps a model name that already names its collection', async () => {
    await rig.adapter.chat(call(chatRequest(), 'tunedModels/my-tune'));
    expect(rig.upstream.lastRequest.url).toBe('/v1beta/tunedModels/my-tune:generateContent');
  });

  it('declares what Gemini cannot take', () => {
    expect([...rig.adapter.unsupportedParams].sort()).toEqual(['extra', 'logitBias', 'logprobs', 'topLogprobs', 'user']);
    expect(rig.adapter.kind).toBe('gemini');
  });
});

describe('gemini request: messages', () => {
  const conversation: Message[] = [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Weather in Paris and Tokyo?' },
    {
      role: 'assistant',
      content: 'Looking it up.',
      reasoning: 'two calls',
      toolCalls: [
        { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'call_b', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
        { id: 'call_c', name: 'list_cities', arguments: '' },
      ],
    },
    { role: 'tool', toolCallId: 'call_b', content: '{"temp":21,"sky":"clear"}' },
    { role: 'tool', toolCallId: 'call_a', content: 'rain, 12 C' },
    { role: 'tool', toolCallId: 'call_c', content: [{ type: 'text', text: '["Paris","Tokyo"]' }] },
    { role: 'user', content: 'Thanks. Which is warmer?' },
    { role: 'system', content: [{ type: 'text', text: 'Answer in one word.' }] },
  ];

  it('sends system text as systemInstruction, roles user/model, tool results as named functionResponses', async () => {
    const body = await sent({ messages: conversation });
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'You are terse.' }, { text: 'Answer in one word.' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Tokyo?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Looking it up.' },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'skip_thought_signature_validator' },
          { functionCall: { name: 'get_weather', args: { city: 'Tokyo' } } },
          { functionCall: { name: 'list_cities', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp: 21, sky: 'clear' } } },
          { functionResponse: { name: 'get_weather', response: { content: 'rain, 12 C' } } },
          { functionResponse: { name: 'list_cities', response: { content: '["Paris","Tokyo"]' } } },
          { text: 'Thanks. Which is warmer?' },
        ],
      },
    ]);
  });

  it('merges consecutive turns of one role and drops empty assistant and system turns', async () => {
    const body = await sent({
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: 'one' },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: null },
        { role: 'assistant', content: 'three' },
        { role: 'assistant', content: [{ type: 'text', text: 'four' }] },
      ],
    });
    expect(body.systemInstruction).toBeUndefined();
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'one' }, { text: 'two' }] },
      { role: 'model', parts: [{ text: 'three' }, { text: 'four' }] },
    ]);
  });

  it('sends data: images inline and linked images as fileData with a guessed type', async () => {
    const body = await sent({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
            { type: 'image', url: 'https://example.com/cat.JPG?size=large', detail: 'high' },
            { type: 'image', url: 'https://example.com/render' },
            { type: 'image', url: 'gs://bucket/dog.webp' },
          ],
        },
      ],
    });
    expect(body.contents[0].parts).toEqual([
      { text: 'Compare' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/cat.JPG?size=large' } },
      { fileData: { mimeType: 'image/*', fileUri: 'https://example.com/render' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'gs://bucket/dog.webp' } },
    ]);
  });

  it.each([
    ['data:image/png,rawbytes', 'must be base64-encoded'],
    ['data:;base64,AAAA', 'must name its media type'],
    ['ftp://example.com/a.png', 'must be an https URL'],
    ['not a url', 'is not a valid URL'],
  ])('refuses the image URL %s before sending', async (url, message) => {
    rig.upstream.reply({ json: ownJson('max-tokens.json') });
    const request = chatRequest({ messages: [{ role: 'user', content: [{ type: 'image', url }] }] });
    const err = await rig.adapter.chat(call(request)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('invalid_request');
    expect((err as GatewayError).param).toBe('messages[0].content[0].image_url.url');
    expect((err as GatewayError).message).toContain(message);
    expect(rig.upstream.requests).toHaveLength(0);
  });

  it.each([
    ['{"city":', 'is not valid JSON'],
    ['[1,2]', 'must be a JSON object'],
  ])('refuses tool-call arguments %s naming the param', async (args, message) => {
    const messages: Message[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'f', arguments: '{}' }, { id: 'c2', name: 'g', arguments: args }] },
    ];
    const err = (await rig.adapter.chat(call(chatRequest({ messages }))).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('invalid_request');
    expect(err.param).toBe('messages[1].tool_calls[1].function.arguments');
    expect(err.message).toContain(message);
  });

  it('refuses a tool result that answers no earlier tool call', async () => {
    const messages: Message[] = [
      { role: 'user', content: 'hi' },
      { role: 'tool', toolCallId: 'call_missing', content: 'x' },
    ];
    const err = (await rig.adapter.chat(call(chatRequest({ messages }))).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('invalid_request');
    expect(err.param).toBe('messages[1].tool_call_id');
  });
});
