import type { RouteTable } from '../../http/route-table.js';
import type { ChatDoor } from '../chat-door.js';
import type { GatewayContext } from '../gateway-context.js';
import { serveChatDoor } from '../serve-chat-door.js';
import { ChatChunkEncoder } from './chat-chunk-encoder.js';
import { encodeChatCompletion } from './encode-chat-completion.js';
import { parseChatRequest } from './parse-chat-request.js';
import { JsonText } from '../../http/send-response.js';
import { spliceChatCompletion } from './splice-chat-completion.js';

/**
 * OpenAI's chat completions wire, as a door: its request, its answer, its chunks and `data: [DONE]`. Where
 * the upstream relays the wire (the fast path), a plain answer comes back as the upstream's text, spliced
 * with this door's id, creation time, model and usage.
 */
export const CHAT_COMPLETIONS_DOOR: ChatDoor = {
  idPrefix: 'chatcmpl-',
  wire: 'openai-chat',
  parse: parseChatRequest,
  encodeResult: (result, identity, priced) => encodeChatCompletion(result, identity, priced),
  encodeNative: (result, identity, priced) => {
    const { body, cuts } = result.native;
    if (!cuts || typeof body !== 'string') return encodeChatCompletion(result, identity, priced);
    return new JsonText(spliceChatCompletion(body, cuts, identity, result.usage, priced));
  },
  streamEncoder: (identity, req) => new ChatChunkEncoder(identity, req.includeUsage),
};

/** POST /v1/chat/completions (and /chat/completions). */
export function registerChatCompletionsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const handler = serveChatDoor(ctx, CHAT_COMPLETIONS_DOOR);
  routes.post('/v1/chat/completions', handler).post('/chat/completions', handler);
}
