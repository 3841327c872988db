import type { RecordedRequest, Reply } from './fake-upstream.js';

/**
 * A minimal OpenAI-style answer naming the upstream model, JSON or SSE as the request asks: enough for
 * tests about where requests go rather than what they say.
 */
export function openAIReply(text = 'ok', usage = { prompt_tokens: 10, completion_tokens: 5 }) {
  return (req: RecordedRequest): Reply => {
    const model = String(req.json?.model ?? 'm');
    if (req.json?.stream) {
      const chunk = (delta: object, finish: string | null, extra: object = {}) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
      return {
        sse: [
          chunk({ role: 'assistant', content: text }, null),
          chunk({}, 'stop'),
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`,
          'data: [DONE]\n\n',
        ],
      };
    }
    return {
      json: {
        id: 'c1',
        object: 'chat.completion',
        created: 1,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      },
    };
  };
}
