import { GatewayError } from '../../spec/gateway-error.js';

/** A finish reason of `error` (OpenRouter and others) with no error object beside it. */
export function finishedWithError(providerId: string): GatewayError {
  return new GatewayError('upstream_error', `Provider '${providerId}' ended the answer with an error.`, {
    provider: providerId,
  });
}
