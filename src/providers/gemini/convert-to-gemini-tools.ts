import type { ChatRequest, ToolChoice } from '../../spec/chat-request.js';
import { convertJsonSchemaToGemini, schemaBudget } from './convert-json-schema-to-gemini.js';
import type { GeminiFunctionDeclaration, GeminiRequest, GeminiToolConfig } from './gemini-wire.js';

/**
 * Tools as one Gemini tool holding every function declaration, and the tool choice as a function-calling
 * mode: auto → AUTO, none → NONE, required → ANY, a named function → ANY limited to that name.
 * `parallelToolCalls` has no Gemini counterpart (Gemini may always call several) and is not sent.
 */
export function convertToGeminiTools(req: ChatRequest): Pick<GeminiRequest, 'tools' | 'toolConfig'> {
  const out: Pick<GeminiRequest, 'tools' | 'toolConfig'> = {};
  if (req.tools && req.tools.length > 0) {
    const budget = schemaBudget();
    const functionDeclarations = req.tools.map((tool): GeminiFunctionDeclaration => {
      const parameters = convertJsonSchemaToGemini(tool.parameters, budget);
      return {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        ...(parameters && { parameters }),
      };
    });
    out.tools = [{ functionDeclarations }];
  }
  if (req.toolChoice !== undefined) out.toolConfig = convertToolChoice(req.toolChoice);
  return out;
}

function convertToolChoice(choice: ToolChoice): GeminiToolConfig {
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
}
