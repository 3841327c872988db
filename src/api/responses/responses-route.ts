import type { RouteTable } from '../../http/route-table.js';
import type { ChatDoor } from '../chat-door.js';
import type { GatewayContext } from '../gateway-context.js';
import { serveChatDoor } from '../serve-chat-door.js';
import { encodeResponse } from './encode-response.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { ResponsesStreamEncoder } from './responses-stream-encoder.js';

/**
 * OpenAI's Responses API wire, as a door, stateless: its request, its `response` object and its event
 * stream. Errors keep OpenAI's shape, the route table's default.
 */
export const RESPONSES_DOOR: ChatDoor = {
  idPrefix: 'resp_',
  wire: 'openai-responses',
  parse: parseResponsesRequest,
  encodeResult: (result, identity, priced) => encodeResponse(result, identity, priced),
  streamEncoder: (identity) => new ResponsesStreamEncoder(identity),
};

/** POST /v1/responses (and /responses). */
export function registerResponsesRoute(routes: RouteTable, ctx: GatewayContext): void {
  const handler = serveChatDoor(ctx, RESPONSES_DOOR);
  routes.post('/v1/responses', handler).post('/responses', handler);
}
