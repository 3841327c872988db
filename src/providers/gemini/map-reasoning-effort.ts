import { GatewayError } from '../../spec/gateway-error.js';

/**
 * OpenAI's `reasoning_effort` as a Gemini thinking budget (tokens). A budget rather than Gemini 3's
 * `thinkingLevel`: Gemini 2.5 models reject `thinkingLevel`, while Gemini 3 models still accept a budget
 * and map it onto their levels. Every budget here lies inside the ranges of 2.5 Pro (128–32768), Flash
 * (0–24576) and Flash-Lite (512–24576). `none` asks for no thinking, which models that always think refuse.
 */
const BUDGETS: Readonly<Record<string, number>> = Object.freeze({
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 24576,
});

export function mapReasoningEffort(effort: string): number {
  const budget = BUDGETS[effort];
  if (budget === undefined) {
    throw new GatewayError(
      'invalid_request',
      `reasoning_effort '${effort}' is not one of ${Object.keys(BUDGETS).join(', ')}.`,
      { param: 'reasoning_effort' },
    );
  }
  return budget;
}
