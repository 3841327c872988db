import { textOf, type ChatRequest } from '../../spec/chat-request.js';
import type { ShadowVerdict } from './shadow-sample.js';

const RUBRIC =
  'You compare two answers to the same request. Answer A came from a cheaper model, answer B from a stronger one. ' +
  'Judge correctness first, then completeness and helpfulness. Reply with one letter: A if answer A is as good as B or better, ' +
  'B if answer B is clearly better. Reply with the letter only.';

/** The longest part of the conversation or of an answer put before the judge. */
const MAX_CHARS = 12_000;

/**
 * The judge's request: the conversation so far, then both answers, asking for one letter. The conversation
 * goes to the judge's provider too, so the data guarantees the client asked for (`zdr`, `data_collection:
 * deny`) go with it; its other provider preferences were about the model it asked for, not the judge.
 */
export function judgeRequest(judgeModel: string, req: ChatRequest, weakAnswer: string, strongAnswer: string): ChatRequest {
  const asked = req.routing?.provider;
  const guarantees = asked && {
    ...(asked.zdr !== undefined && { zdr: asked.zdr }),
    ...(asked.dataCollection !== undefined && { dataCollection: asked.dataCollection }),
  };
  const conversation = req.messages
    .map((m) => `${m.role.toUpperCase()}: ${textOf(m.content)}`)
    .join('\n\n')
    .slice(-MAX_CHARS);
  return {
    model: judgeModel,
    messages: [
      { role: 'system', content: RUBRIC },
      {
        role: 'user',
        content: `REQUEST:\n${conversation}\n\nANSWER A:\n${weakAnswer.slice(0, MAX_CHARS)}\n\nANSWER B:\n${strongAnswer.slice(0, MAX_CHARS)}\n\nWhich is at least as good: A or B?`,
      },
    ],
    stream: false,
    includeUsage: false,
    maxTokens: 4,
    temperature: 0,
    ...(guarantees && Object.keys(guarantees).length > 0 && { routing: { provider: guarantees } }),
  };
}

/** The judge's letter as a verdict; undefined when it answered something else. */
export function readVerdict(text: string): ShadowVerdict | undefined {
  const letter = text.trim().replace(/^[^A-Za-z]+/, '').charAt(0).toUpperCase();
  if (letter === 'A') return 'weak_as_good';
  if (letter === 'B') return 'strong_better';
  return undefined;
}
