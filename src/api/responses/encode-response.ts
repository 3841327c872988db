import type { PricedUsage } from '../../ledger/price-usage.js';
import type { ChatResult } from '../../spec/chat-result.js';
import type { AnswerIdentity } from '../chat-door.js';
import { encodeResponsesUsage, functionCallItem, itemId, outcomeOf, outputText, responseObject, type MessagePart, type OutputItem } from './response-object.js';

/**
 * A canonical result as a Responses API `response` object. Output items in the order a model produces
 * them: its reasoning (as a summary), its message, then its function calls.
 */
export function encodeResponse(result: ChatResult, identity: AnswerIdentity, priced: PricedUsage): Record<string, unknown> {
  const outcome = outcomeOf(result.finishReason);
  const itemStatus = outcome.status === 'incomplete' ? 'incomplete' : 'completed';
  const output: OutputItem[] = [];
  if (result.reasoning) {
    output.push({ id: itemId('rs', identity, output.length), type: 'reasoning', summary: [{ type: 'summary_text', text: result.reasoning }] });
  }
  const content: MessagePart[] = [];
  if (result.text) content.push(outputText(result.text));
  if (result.refusal) content.push({ type: 'refusal', refusal: result.refusal });
  // an answer of nothing at all is still an (empty) message, so a client always finds one
  if (content.length === 0 && result.toolCalls.length === 0) content.push(outputText(result.text ?? ''));
  if (content.length > 0) {
    output.push({ id: itemId('msg', identity, output.length), type: 'message', status: itemStatus, role: 'assistant', content });
  }
  for (const call of result.toolCalls) output.push(functionCallItem(itemId('fc', identity, output.length), call, itemStatus));
  return responseObject(identity, outcome, output, encodeResponsesUsage(result.usage, priced));
}
