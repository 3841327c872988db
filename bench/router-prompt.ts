import type { ChatRequest } from '../src/spec/chat-request.js';

/** A ~2,000-token chat request (about 8,000 characters of mixed prose, code and math) for router timing. */
export function longRouterRequest(): ChatRequest {
  const prose =
    'The quarterly report shows revenue growth across three regions, but the margin fell because shipping costs rose. ' +
    'Explain which of the following factors most likely drove the change, and estimate the effect of a 12% price increase. ';
  const code = 'function total(items) { return items.reduce((s, x) => s + x.price * x.qty, 0); }\n';
  const math = 'Let f(x) = 3x^2 + 2x - 5. Find f(4) and solve f(x) = 0 for x. ';
  let text = '';
  for (let i = 0; text.length < 8000; i++) text += i % 5 === 3 ? code : i % 5 === 4 ? math : prose;
  return {
    model: 'auto',
    stream: false,
    includeUsage: false,
    messages: [
      { role: 'system', content: 'You are a careful analyst.' },
      { role: 'user', content: text },
    ],
  };
}
