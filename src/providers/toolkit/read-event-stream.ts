import { createParser } from 'eventsource-parser';

export interface ServerSentEvent {
  event?: string;
  data: string;
}

/**
 * Server-sent events from a byte stream, as they complete. Frames split across network chunks are
 * joined; comments and retry hints are dropped.
 */
export async function* readEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let pending: ServerSentEvent[] = [];
  const parser = createParser({
    onEvent(e) {
      pending.push(e.event === undefined ? { data: e.data } : { event: e.event, data: e.data });
    },
  });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (pending.length > 0) {
      const ready = pending;
      pending = [];
      yield* ready;
    }
  }
  parser.feed(decoder.decode() + '\n\n');
  yield* pending;
}
