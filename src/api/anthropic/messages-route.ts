import type { RouteTable } from '../../http/route-table.js';
import type { ChatDoor } from '../chat-door.js';
import type { GatewayContext } from '../gateway-context.js';
import { serveChatDoor } from '../serve-chat-door.js';
import { encodeAnthropicError } from './anthropic-error.js';
import { countTokensHandler } from './count-tokens-route.js';
import { encodeMessage } from './encode-message.js';
import { MessagesStreamEncoder } from './messages-stream-encoder.js';
import { parseMessagesRequest } from './parse-messages-request.js';

/** Anthropic's Messages wire, as a door: its request, its message, its events and its errors. */
export const MESSAGES_DOOR: ChatDoor = {
  idPrefix: 'msg_',
  wire: 'anthropic-messages',
  nativeHeaders: ['anthropic-beta'],
  parse: parseMessagesRequest,
  encodeResult: (result, identity, _priced, req) => encodeMessage(result, identity, req),
  streamEncoder: (identity, req) => new MessagesStreamEncoder(identity, req),
};

/**
 * POST /v1/messages and /v1/messages/count_tokens, errors in Anthropic's shape. The `anthropic-version`
 * and `anthropic-beta` headers are accepted and not read: the door speaks one version of the wire.
 */
export function registerMessagesRoutes(routes: RouteTable, ctx: GatewayContext): void {
  const errors = encodeAnthropicError;
  routes.post('/v1/messages', serveChatDoor(ctx, MESSAGES_DOOR), { errors }).post('/v1/messages/count_tokens', countTokensHandler(ctx), { errors });
}
