import type { PricedUsage } from '../ledger/price-usage.js';
import type { ChatRequest } from '../spec/chat-request.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { GatewayError } from '../spec/gateway-error.js';
import type { NativeWire } from '../spec/native-request.js';
import type { StreamPart } from '../spec/stream-part.js';
import type { Usage } from '../spec/usage.js';

/** What a client's answer is named by: its id, creation time and the model that served it. */
export interface AnswerIdentity {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/** A stream's encoder for one wire: canonical parts in, that wire's SSE frames out. */
export interface DoorStreamEncoder {
  /** The frames for one part ('' when the part shows nothing). */
  encode(part: StreamPart): string;
  /** The closing frames of a complete stream (usage with its cost, the wire's end marker). */
  end(priced: PricedUsage): string;
  /** The closing frame of a stream that cannot finish: never one that looks like success. */
  errorFrame(error: GatewayError): string;
  /** Whether the upstream finished the answer (a finish reason arrived). */
  readonly isFinished: boolean;
  /** The usage the stream reported. */
  readonly usage: Usage | undefined;
  /** Characters of content, reasoning and tool arguments streamed (a token estimate when no usage comes). */
  readonly contentChars: number;
}

/**
 * One wire a client may speak for chat (OpenAI chat completions, Anthropic Messages, OpenAI Responses):
 * how its request becomes the canonical ChatRequest, and how the canonical answer, stream and errors go
 * back in it. Everything between (authentication, planning, policy, budgets, the ledger, headers) is
 * the same for every door: serve-chat-door.ts.
 */
export interface ChatDoor {
  /** The id's prefix of this wire's answers (`chatcmpl-`, `msg_`, `resp_`). */
  idPrefix: string;
  /**
   * The wire's name where some upstreams speak it too: a request served by one of them is passed through
   * (the client's body out, the upstream's body or events back), translated otherwise.
   */
  wire?: NativeWire;
  /** Request headers of this wire that change the answer, forwarded on pass-through (lower-case names). */
  nativeHeaders?: readonly string[];
  /** The request as the canonical one; throws a GatewayError (4xx) for bad input. */
  parse(body: unknown): ChatRequest;
  /** The whole answer in this wire. */
  encodeResult(result: ChatResult, identity: AnswerIdentity, priced: PricedUsage, req: ChatRequest): unknown;
  /**
   * The whole answer when it came back on this wire (`result.native`): the upstream's body as it came unless
   * the door names the answer itself (a relayed chat completion, spliced with the door's id and usage).
   */
  encodeNative?(result: ChatResult & { native: NonNullable<ChatResult['native']> }, identity: AnswerIdentity, priced: PricedUsage): unknown;
  /** A stream encoder for this wire. */
  streamEncoder(identity: AnswerIdentity, req: ChatRequest): DoorStreamEncoder;
}
