import type { ChatRequest } from '../../spec/chat-request.js';
import type { GeminiGenerationConfig } from './gemini-wire.js';
import { mapReasoningEffort } from './map-reasoning-effort.js';

/**
 * Sampling, output and thinking settings as Gemini's `generationConfig`; undefined when there are none.
 * `candidateCount` is never sent (one answer per request). Structured output uses `responseJsonSchema`,
 * which takes JSON Schema as it is (unlike `responseSchema`, an OpenAPI subset). With `includeThoughts`,
 * Gemini returns summaries of its thinking, which the gateway passes on as reasoning.
 */
export function convertToGeminiGenerationConfig(
  req: ChatRequest,
  includeThoughts: boolean,
): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (req.temperature !== undefined) config.temperature = req.temperature;
  if (req.topP !== undefined) config.topP = req.topP;
  if (req.maxTokens !== undefined) config.maxOutputTokens = req.maxTokens;
  if (req.stop !== undefined && req.stop.length > 0) config.stopSequences = req.stop;
  if (req.seed !== undefined) config.seed = req.seed;
  if (req.presencePenalty !== undefined) config.presencePenalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) config.frequencyPenalty = req.frequencyPenalty;

  const format = req.responseFormat;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format.schema !== undefined) config.responseJsonSchema = format.schema;
  }

  const budget = req.reasoningEffort !== undefined ? mapReasoningEffort(req.reasoningEffort) : undefined;
  const wantThoughts = includeThoughts && budget !== 0;
  if (budget !== undefined || wantThoughts) {
    config.thinkingConfig = {
      ...(wantThoughts && { includeThoughts: true }),
      ...(budget !== undefined && { thinkingBudget: budget }),
    };
  }
  return Object.keys(config).length > 0 ? config : undefined;
}
