import { GatewayError } from '../../spec/gateway-error.js';

/** Anthropic's smallest accepted thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * OpenAI's `reasoning_effort` as an extended-thinking token budget. The steps double from Anthropic's
 * minimum; `none` turns thinking off (undefined). Unknown efforts are refused rather than guessed.
 */
const BUDGET_BY_EFFORT: Readonly<Record<string, number | undefined>> = Object.freeze({
  none: undefined,
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
});

/**
 * The thinking budget for an effort, fitted inside the request's `max_tokens` when the client set one.
 * Anthropic counts thinking inside `max_tokens` (as OpenAI counts reasoning inside
 * `max_completion_tokens`) and requires the budget to stay below it, so a client cap that leaves no room
 * for the minimum budget is refused instead of silently dropping the reasoning the client asked for.
 */
export function chooseThinkingBudget(effort: string, maxTokens: number | undefined): number | undefined {
  if (!Object.hasOwn(BUDGET_BY_EFFORT, effort)) {
    throw new GatewayError(
      'invalid_request',
      `reasoning_effort '${effort}' is not one of ${Object.keys(BUDGET_BY_EFFORT).join(', ')}.`,
      { param: 'reasoning_effort' },
    );
  }
  const budget = BUDGET_BY_EFFORT[effort];
  if (budget === undefined || maxTokens === undefined) return budget;
  // leave at least half of the client's cap for the answer itself
  const fitted = Math.min(budget, Math.floor(maxTokens / 2));
  if (fitted < MIN_THINKING_BUDGET) {
    throw new GatewayError(
      'invalid_request',
      `reasoning_effort needs max_tokens of at least ${2 * MIN_THINKING_BUDGET} on this provider.`,
      { param: 'max_tokens' },
    );
  }
  return fitted;
}
