import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { encodeError } from '../api/openai/encode-error.js';
import { GatewayError, isGatewayError } from '../spec/gateway-error.js';

/** Every error leaves in OpenAI's shape with the status its code defines; unexpected ones are logged. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | GatewayError, request, reply) => {
    const error = isGatewayError(err) ? err : fromFramework(err);
    if (error.code === 'internal_error') request.log.error({ err }, 'unhandled error');
    else if (error.status >= 500) request.log.warn({ code: error.code, provider: error.provider }, error.message);
    sendError(reply, error);
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(
      reply,
      new GatewayError(
        'not_found',
        `No route for ${request.method} ${request.url.split('?')[0]}. This gateway serves POST /v1/chat/completions, POST /v1/embeddings and GET /v1/models.`,
      ),
    );
  });
}

function sendError(reply: FastifyReply, error: GatewayError): void {
  if (reply.sent || reply.raw.headersSent) return;
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
  reply.code(error.status).send(encodeError(error));
}

function fromFramework(err: FastifyError): GatewayError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('payload_too_large', 'The request body is larger than this gateway accepts (limits.max_body_bytes).');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError('unsupported_media_type', 'Send the request body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_json', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('invalid_request', 'The Content-Length header does not match the body.');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return new GatewayError('invalid_request', err.message);
  }
  return new GatewayError('internal_error', 'The gateway failed to handle this request.', { cause: err });
}
