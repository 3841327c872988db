import type { ChatRequest } from '../../spec/chat-request.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiGenerationConfig } from './convert-to-gemini-generation-config.js';
import { convertToGeminiTools } from './convert-to-gemini-tools.js';
import type { GeminiRequest } from './gemini-wire.js';

/** The canonical request as a `generateContent` body (the same body serves `streamGenerateContent`). */
export function convertToGeminiRequest(req: ChatRequest, includeThoughts: boolean): GeminiRequest {
  const body: GeminiRequest = { ...convertToGeminiContents(req.messages), ...convertToGeminiTools(req) };
  const generationConfig = convertToGeminiGenerationConfig(req, includeThoughts);
  if (generationConfig) body.generationConfig = generationConfig;
  return body;
}
