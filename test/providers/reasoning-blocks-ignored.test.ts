import { describe, expect, it } from 'vitest';
import type { ChatRequest, Message } from '../../src/spec/chat-request.js';
import { convertToGeminiContents } from '../../src/providers/gemini/convert-to-gemini-contents.js';
import { convertToOpenAIChatRequest } from '../../src/providers/openai-compatible/convert-to-openai-chat-request.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../../src/providers/openai-compatible/profiles.js';

/**
 * Signed and redacted reasoning are Anthropic's to take back: upstreams that sign nothing build exactly
 * the request they would build without them.
 */
const history = (withBlocks: boolean): Message[] => [
  { role: 'user', content: 'Weather in Lyon?' },
  {
    role: 'assistant',
    content: null,
    reasoning: 'Need the weather tool.',
    ...(withBlocks && {
      reasoningBlocks: [
        { type: 'reasoning' as const, text: 'Need the weather tool.', signature: 'c2lnbmF0dXJl' },
        { type: 'redacted-reasoning' as const, data: 'b3BhcXVl' },
      ],
    }),
    toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' }],
  },
  { role: 'tool', toolCallId: 'call_1', content: '14°C' },
];

const request = (withBlocks: boolean): ChatRequest => ({ model: 'm', messages: history(withBlocks), stream: false, includeUsage: false });

describe('reasoning blocks on upstreams that sign nothing', () => {
  it('OpenAI-compatible: the same body with and without them', () => {
    const profile = OPENAI_COMPATIBLE_PROFILES['openai-compatible']!;
    const withBlocks = convertToOpenAIChatRequest(request(true), 'm', profile, false);
    expect(withBlocks).toEqual(convertToOpenAIChatRequest(request(false), 'm', profile, false));
    expect(JSON.stringify(withBlocks)).not.toContain('c2lnbmF0dXJl');
  });

  it('Gemini: the same contents with and without them', () => {
    const withBlocks = convertToGeminiContents(history(true));
    expect(withBlocks).toEqual(convertToGeminiContents(history(false)));
    expect(JSON.stringify(withBlocks)).not.toContain('b3BhcXVl');
  });
});
