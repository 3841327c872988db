import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * Parse every request body as JSON, whatever content type the client sent (curl's default included),
 * and report a malformed one in OpenAI's error shape.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(new GatewayError('invalid_json', 'The request body is empty; send a JSON object.'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new GatewayError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`), undefined);
    }
  });
}
