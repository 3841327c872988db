import { GatewayError } from '../../spec/gateway-error.js';
import { asObject, type JsonObject } from './json-shapes.js';

/**
 * One stream event's JSON payload; undefined for keep-alive lines and `[DONE]`. A payload that is not
 * JSON is the provider's fault, and the error says so.
 */
export function parseEventJson(providerId: string, data: string): JsonObject | undefined {
  const text = data.trim();
  if (text === '' || text === '[DONE]') return undefined;
  try {
    return asObject(JSON.parse(text));
  } catch (err) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a stream event that is not JSON.`, {
      provider: providerId,
      cause: err,
    });
  }
}
