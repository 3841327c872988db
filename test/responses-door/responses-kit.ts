import type OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';

/** Helpers for the Responses door's tests: what the official SDK's stream yields, reduced to what they assert. */

/** Every event of a streamed response, in order. */
export async function collectEvents(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const ev of stream) events.push(ev);
  return events;
}

/** The events' types, in order. */
export const typesOf = (events: ResponseStreamEvent[]): string[] => events.map((e) => e.type);

/** The final response a stream ended with (`response.completed` or `.incomplete`). */
export function finalResponse(events: ResponseStreamEvent[]): OpenAI.Responses.Response {
  const last = events[events.length - 1];
  if (last?.type !== 'response.completed' && last?.type !== 'response.incomplete') throw new Error(`the stream ended with ${last?.type}`);
  return last.response;
}

/** Sequence numbers count from 0 with no gap. */
export function sequenceNumbers(events: ResponseStreamEvent[]): number[] {
  return events.map((e) => e.sequence_number);
}

/** The concatenated deltas of one event type. */
export function deltas(events: ResponseStreamEvent[], type: string): string {
  return events
    .filter((e) => e.type === type)
    .map((e) => (e as { delta?: string }).delta ?? '')
    .join('');
}

/**
 * The text of a response's messages. `output_text` is the SDK's convenience, computed on `create()`'s
 * answer and `responses.stream()`'s, not on raw events: this reads the output items themselves.
 */
export function messageText(response: OpenAI.Responses.Response): string {
  let text = '';
  for (const item of response.output) {
    if (item.type !== 'message') continue;
    for (const part of item.content) if (part.type === 'output_text') text += part.text;
  }
  return text;
}
