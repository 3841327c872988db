import { estimateRequestTokens } from '../../accounting/estimate-request-tokens.js';
import type { RequestContext } from '../../http/request-context.js';
import { parseMessagesRequest } from './parse-messages-request.js';

/**
 * POST /v1/messages/count_tokens: the gateway's own estimate of the request's input tokens (its text,
 * tools and images), the same estimate budgets are admitted with. It asks no upstream, so it costs
 * nothing and answers for any model name; it is an estimate, not the served model's tokenizer.
 * `max_tokens` is not part of this request on Anthropic's API, so a placeholder stands in for it.
 */
export async function countTokens(rc: RequestContext): Promise<{ input_tokens: number }> {
  const body = rc.body;
  const withMax = typeof body === 'object' && body !== null && !Array.isArray(body) && !('max_tokens' in body) ? { ...body, max_tokens: Number.MAX_SAFE_INTEGER } : body;
  return { input_tokens: estimateRequestTokens(parseMessagesRequest(withMax)) };
}
