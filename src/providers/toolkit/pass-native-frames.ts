import type { NativeWire } from '../../spec/native-request.js';
import type { StreamPart } from '../../spec/stream-part.js';
import type { ServerSentEvent, StreamDecoder } from './decode-event-stream.js';

/**
 * A stream passed through on the client's own wire: each upstream event goes out as the upstream framed it
 * (a `native` part), followed by the parts the wire's decoder reads from it, which the gateway uses for the
 * ledger, health and failover. An event the decoder refuses (an in-band error) is not passed on: the
 * decoder's error ends the stream the way every stream's failure ends, in the client's wire. The terminal
 * event is marked `final`, and anything after it is dropped.
 */
export class NativeFrameDecoder implements StreamDecoder {
  private done = false;

  constructor(
    private readonly wire: NativeWire,
    private readonly inner: StreamDecoder,
    /** The event types that end a finished stream (`message_stop`, `response.completed`). */
    private readonly terminal: ReadonlySet<string>,
  ) {}

  push(sse: ServerSentEvent, out: StreamPart[]): void {
    if (this.done) return;
    const at = out.length;
    this.inner.push(sse, out);
    const type = sse.event ?? eventType(sse.data);
    const final = type !== undefined && this.terminal.has(type);
    if (final) this.done = true;
    out.splice(at, 0, { type: 'native', wire: this.wire, frame: frameOf(sse), ...(final && { final: true as const }) });
  }

  end(out: StreamPart[]): void {
    this.inner.end(out);
  }
}

/** One server-sent event, framed again: its name, its data line by line. */
function frameOf(sse: ServerSentEvent): string {
  const name = sse.event ? `event: ${sse.event}\n` : '';
  return `${name}data: ${sse.data.split('\n').join('\ndata: ')}\n\n`;
}

/** The `type` of an event whose name is only in its data. */
function eventType(data: string): string | undefined {
  const m = /"type"\s*:\s*"([^"]+)"/.exec(data);
  return m?.[1];
}
