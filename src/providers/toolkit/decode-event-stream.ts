import { createParser } from 'eventsource-parser';
import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';

export interface StreamLimits {
  providerId: string;
  /** The largest event (or unfinished line) held while it is read; past it the stream fails. */
  maxEventBytes: number;
}

export interface ServerSentEvent {
  event?: string;
  data: string;
}

/**
 * A provider's stream format, as a synchronous state machine: it is given each server-sent event in order
 * and appends the parts that event resolves to. Throwing (a GatewayError) ends the stream with that error,
 * after the parts already appended.
 */
export interface StreamDecoder {
  push(event: ServerSentEvent, out: StreamPart[]): void;
  /** The stream ended: append what is left (usage, finish), or throw if it ended before finishing. */
  end(out: StreamPart[]): void;
}

/**
 * Stream parts from an event-stream body. All the asynchronous plumbing of every adapter lives here: it
 * reads the body a network chunk at a time, runs the events that chunk completes through the decoder at
 * once, and hands the parts out from a queue, so a part costs one promise, not a chain of generators.
 * Frames split across network chunks are joined (eventsource-parser); comments and retry hints are dropped.
 * An event (or a line) that grows past `limits.maxEventBytes` fails the stream rather than the process's memory.
 */
export function decodeEventStream(body: AsyncIterable<Uint8Array>, decoder: StreamDecoder, limits: StreamLimits): AsyncIterable<StreamPart> {
  const source = body[Symbol.asyncIterator]();
  const text = new TextDecoder();
  let queue: StreamPart[] = [];
  let next = 0;
  let ended = false;
  let failure: unknown;
  let failed = false;
  // characters fed since the parser last completed something: what it may be holding in memory
  let pending = 0;
  const parser = createParser({
    onEvent: (e) => {
      pending = 0;
      decoder.push(e, queue);
    },
    onComment: () => {
      pending = 0;
    },
    onRetry: () => {
      pending = 0;
    },
  });
  const run = (step: () => void) => {
    try {
      step();
    } catch (err) {
      failed = true;
      failure = err;
    }
  };
  const feed = (chunk: string) => {
    pending += chunk.length;
    parser.feed(chunk);
    if (pending > limits.maxEventBytes) {
      throw new GatewayError(
        'upstream_invalid_response',
        `Provider '${limits.providerId}' sent a stream event larger than this gateway accepts (${limits.maxEventBytes} bytes; limits.max_upstream_event_bytes).`,
        { provider: limits.providerId },
      );
    }
  };

  const iterator: AsyncIterator<StreamPart> = {
    async next() {
      while (next >= queue.length) {
        if (failed) {
          failed = false;
          ended = true;
          throw failure;
        }
        if (ended) return { done: true, value: undefined };
        queue = [];
        next = 0;
        const chunk = await source.next();
        if (chunk.done) {
          ended = true;
          run(() => {
            parser.feed(text.decode() + '\n\n');
            decoder.end(queue);
          });
        } else {
          run(() => feed(text.decode(chunk.value, { stream: true })));
          // a stream that failed is not read any further: its connection is closed
          if (failed) void source.return?.().catch(() => undefined);
        }
      }
      return { done: false, value: queue[next++] as StreamPart };
    },
    async return() {
      ended = true;
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
