import { invalid, optionalNumber, requireObject } from '../openai/read-fields.js';

/** Anthropic's smallest thinking budget. */
const MIN_BUDGET = 1024;

/**
 * `thinking` as the canonical reasoning effort, the one reasoning knob every upstream understands (a
 * budget under 8192 tokens is `low`, under 16384 `medium`, more `high`), and the exact budget beside it,
 * which an Anthropic upstream is given as asked. `adaptive` leaves the amount to the model: `medium`, no
 * budget. `disabled` sets nothing.
 */
export function parseThinking(value: unknown, maxTokens: number): { effort: string; budget?: number } | undefined {
  if (value == null) return undefined;
  const thinking = requireObject(value, 'thinking');
  switch (thinking.type) {
    case 'disabled':
      return undefined;
    case 'adaptive':
      return { effort: 'medium' };
    case 'enabled': {
      const budget = optionalNumber(thinking, 'budget_tokens', { integer: true, min: MIN_BUDGET }, 'thinking.budget_tokens');
      if (budget === undefined) throw invalid('thinking.budget_tokens', `is required with type 'enabled': an integer of at least ${MIN_BUDGET}.`);
      if (budget >= maxTokens) throw invalid('thinking.budget_tokens', `must be less than max_tokens (${maxTokens}), got ${budget}.`);
      return { effort: budget >= 16384 ? 'high' : budget >= 8192 ? 'medium' : 'low', budget };
    }
    default:
      throw invalid('thinking.type', `expected 'enabled', 'disabled' or 'adaptive', got ${JSON.stringify(thinking.type)}.`);
  }
}
