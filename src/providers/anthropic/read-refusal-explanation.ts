import { asObject, asString } from '../toolkit/json-shapes.js';

/**
 * The explanation Anthropic gives with a `refusal` stop (`stop_details.explanation`), which becomes the
 * OpenAI `refusal` text; undefined when it gave none.
 */
export function readRefusalExplanation(stopDetails: unknown): string | undefined {
  const explanation = asString(asObject(stopDetails)?.explanation);
  return explanation === undefined || explanation === '' ? undefined : explanation;
}
