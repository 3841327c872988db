import { asArray, asNumber, asObject, asString, type JsonObject } from '../toolkit/json-shapes.js';
import type { FunctionCallEvent, GeminiFunctionCallAssembler } from './assemble-gemini-function-calls.js';

export type GeminiPiece = { type: 'text'; text: string } | { type: 'reasoning'; text: string } | FunctionCallEvent;

/**
 * The answer pieces in a candidate's `content.parts`, in order: thought summaries (`thought: true`) are
 * reasoning, other text is text, `functionCall`s go through the assembler. Empty text (Gemini 3 ends with an
 * empty part holding only a `thoughtSignature`) and kinds the gateway does not relay (`executableCode`,
 * `codeExecutionResult`, `inlineData` output, ...) are skipped; thought signatures are ignored.
 */
export function readGeminiParts(content: unknown, calls: GeminiFunctionCallAssembler): GeminiPiece[] {
  const pieces: GeminiPiece[] = [];
  for (const raw of asArray(asObject(content)?.parts)) {
    const part = asObject(raw);
    if (!part) continue;
    if (part.functionCall !== undefined) {
      pieces.push(...calls.push(part.functionCall));
      continue;
    }
    const text = asString(part.text);
    if (!text) continue;
    pieces.push(...calls.finish());
    pieces.push({ type: part.thought === true ? 'reasoning' : 'text', text });
  }
  return pieces;
}

/** The answer candidate: the one with index 0 (the gateway never asks for more than one). */
export function firstCandidate(body: JsonObject): JsonObject | undefined {
  const candidates = asArray(body.candidates).map(asObject);
  return candidates.find((c) => (asNumber(c?.index) ?? 0) === 0) ?? undefined;
}

/** Response metadata: `responseId`, `modelVersion`, and Vertex's `createTime` as Unix seconds. */
export function readGeminiMeta(body: JsonObject): { id?: string; model?: string; created?: number } {
  const createTime = asString(body.createTime);
  const created = createTime ? Math.floor(Date.parse(createTime) / 1000) : NaN;
  return {
    id: asString(body.responseId),
    model: asString(body.modelVersion),
    ...(Number.isFinite(created) && { created }),
  };
}
