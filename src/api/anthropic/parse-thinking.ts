import { invalid, optionalNumber, requireObject } from '../openai/read-fields.js';

/** Anthropic's smallest thinking budget. */
const MIN_BUDGET = 1024;

/**
 * `thinking` as the canonical reasoning effort, the one reasoning knob every upstream understands: a
 * budget under 8192 tokens is `low`, under 16384 `medium`, more `high` (the efforts an Anthropic upstream
 * spends 2048, 8192 and 16384 tokens on). `adaptive` leaves the amount to the model: `medium`.
 * `disabled` sets nothing.
 */
export function parseThinking(value: unknown, maxTokens: number): string | undefined {
  if (value == null) return undefined;
  const thinking = requireObject(value, 'thinking');
  switch (thinking.type) {
    case 'disabled':
      return undefined;
    case 'adaptive':
      return 'medium';
    case 'enabled': {
      const budget = optionalNumber(thinking, 'budget_tokens', { integer: true, min: MIN_BUDGET }, 'thinking.budget_tokens');
      if (budget === undefined) throw invalid('thinking.budget_tokens', `is required with type 'enabled': an integer of at least ${MIN_BUDGET}.`);
      if (budget >= maxTokens) throw invalid('thinking.budget_tokens', `must be less than max_tokens (${maxTokens}), got ${budget}.`);
      if (budget >= 16384) return 'high';
      if (budget >= 8192) return 'medium';
      return 'low';
    }
    default:
      throw invalid('thinking.type', `expected 'enabled', 'disabled' or 'adaptive', got ${JSON.stringify(thinking.type)}.`);
  }
}
