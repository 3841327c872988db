import type { GatewayError } from '../../spec/gateway-error.js';

/** A GatewayError in OpenAI's error shape. Nothing but the message, type, code and param goes out. */
export function encodeError(error: GatewayError): { error: Record<string, unknown> } {
  return {
    error: {
      message: error.message,
      type: error.type,
      code: error.code,
      param: error.param ?? null,
      ...(error.provider !== undefined && { provider: error.provider }),
      ...(error.attempts !== undefined && error.attempts.length > 1 && { attempts: error.attempts }),
      ...(error.rules !== undefined && { rules: error.rules }),
    },
  };
}

/** The same error as a closing SSE frame, for a stream that cannot finish. */
export function encodeErrorFrame(error: GatewayError): string {
  return `data: ${JSON.stringify(encodeError(error))}\n\n`;
}
