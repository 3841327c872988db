import { GatewayError } from '../../spec/gateway-error.js';
import type { HttpResponse } from '../../spec/http-client.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { decodeEventStream } from '../toolkit/decode-event-stream.js';
import { parseUpstreamJson } from '../toolkit/send-json.js';
import { parseOpenAIChatResponse } from './parse-openai-chat-response.js';
import { OpenAIChatStreamDecoder } from './decode-openai-chat-stream.js';
import { streamFromResult } from '../toolkit/stream-from-result.js';
import { ChatRelayTap } from './relay-chat-stream.js';

/** A stream to relay (the fast path): the answer's id and creation time as the door names it, and its model. */
export interface StreamRelay {
  answer: { readonly id: string; readonly created: number };
  model: string;
}

/**
 * The stream parts of an accepted (2xx) streaming answer, whatever it turned out to be: an event stream
 * (the usual), one JSON body (a server that ignored `stream: true`, or an error object), an event stream
 * mislabelled as JSON, or a web page (refused as an invalid response, so another deployment can be tried).
 * With `relay`, an event stream is relayed (ChatRelayTap); anything else is translated as ever.
 */
export async function readOpenAIChatStreamResponse(
  providerId: string,
  res: HttpResponse,
  thinkTags: boolean,
  secrets: readonly string[],
  relay?: StreamRelay,
): Promise<AsyncIterable<StreamPart>> {
  const type = headerValue(res.headers['content-type']);
  if (type.startsWith('application/json')) {
    const text = await res.text();
    if (text.trimStart().startsWith('data:')) {
      return decodeEventStream(bytesOf(text), new OpenAIChatStreamDecoder(providerId, thinkTags, secrets), { providerId, maxEventBytes: res.maxEventBytes });
    }
    const result = parseOpenAIChatResponse(providerId, parseUpstreamJson(providerId, text), thinkTags, secrets);
    return streamFromResult(result);
  }
  if (type.startsWith('text/html')) {
    await res.discard();
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' answered with a web page, not an event stream.`, {
      provider: providerId,
    });
  }
  const decoder = new OpenAIChatStreamDecoder(providerId, thinkTags, secrets);
  const events = relay ? new ChatRelayTap(decoder, relay.answer, relay.model, secrets) : decoder;
  return decodeEventStream(res.body, events, { providerId, maxEventBytes: res.maxEventBytes });
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.toLowerCase() ?? '';
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}
