import type { FinishReason } from './finish-reason.js';
import type { NativeWire } from './native-request.js';
import type { Usage } from './usage.js';

/**
 * One event of a streamed answer, in the gateway's own vocabulary. Adapters yield these; egress codecs
 * turn them into the caller's wire format. A failure mid-stream is thrown from the iterator as a GatewayError.
 *
 * Tool-call indexes count tool calls within this answer from 0. A tool call's `tool-call-start` comes
 * before any of its `tool-call-delta`s.
 *
 * `reasoning-signature` ends the reasoning block streamed so far with the provider's opaque signature (a
 * block with no text may consist of the signature alone); `redacted-reasoning` is a whole block of opaque
 * reasoning. Egress codecs whose wire has no place for them leave them out.
 *
 * `native` is one event of a stream passed through on the client's own wire, as the upstream framed it; it
 * precedes the parts read from that event (which the door uses for the ledger, not to write). `final` marks
 * the wire's terminal event, which the door holds back until the request's ledger row is durable.
 *
 * A relayed chat stream (the `openai-chat` wire) sends its plain events with text as `native` parts too,
 * several events to a part, already named as the door names the answer; `content` counts the characters of
 * text and reasoning they carry (always some), since no part follows to report them. Its other events (finish, usage, tool calls,
 * errors, anything unusual) are decoded into parts as a translated stream's are.
 */
export type StreamPart =
  | { type: 'meta'; id?: string; model?: string; created?: number }
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'reasoning-signature'; signature: string }
  | { type: 'redacted-reasoning'; data: string }
  | { type: 'refusal'; text: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; arguments: string }
  | { type: 'finish'; reason: FinishReason; raw?: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'native'; wire: NativeWire; frame: string; final?: true; content?: number };

/** Parts that carry answer content: once one of these has reached the client, failover is no longer possible. */
export function isContentPart(part: StreamPart): boolean {
  switch (part.type) {
    case 'text':
    case 'reasoning':
    case 'reasoning-signature':
    case 'redacted-reasoning':
    case 'refusal':
    case 'tool-call-start':
    case 'tool-call-delta':
      return true;
    case 'native':
      return (part.content ?? 0) > 0;
    default:
      return false;
  }
}
