import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { executeChat, openChatStream } from '../../routing/execute-plan.js';
import { planChatRoute } from '../../routing/plan-route.js';
import type { GatewayContext } from '../../server/gateway-context.js';
import { requestSignal } from '../../server/request-signal.js';
import { openSse, writeSse } from '../../server/write-sse.js';
import { toGatewayError, type GatewayError } from '../../spec/gateway-error.js';
import type { ResolvedDeployment } from '../../routing/model-table.js';
import { ChatChunkEncoder } from './chat-chunk-encoder.js';
import { encodeChatCompletion } from './encode-chat-completion.js';
import { encodeErrorFrame } from './encode-error.js';
import { parseChatRequest } from './parse-chat-request.js';

/** POST /v1/chat/completions: OpenAI wire in, canonical through the router, OpenAI wire (JSON or SSE) out. */
export function registerChatCompletionsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  const handler = async (request: { body: unknown }, reply: FastifyReply) => {
    const chat = parseChatRequest(request.body);
    const plan = planChatRoute(chat, ctx.models);
    const { signal, release } = requestSignal(reply.raw, ctx.shutdownSignal);
    const identity = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(ctx.now() / 1000), model: chat.model };
    try {
      if (!chat.stream) {
        const { value, served } = await executeChat(plan, chat, signal);
        identity.model = served.model;
        reply.headers(servedHeaders(served));
        return encodeChatCompletion(value, identity);
      }
      const { value: parts, served } = await openChatStream(plan, chat, signal);
      identity.model = served.model;
      reply.hijack();
      const res = reply.raw;
      openSse(res, servedHeaders(served));
      const encoder = new ChatChunkEncoder(identity, chat.includeUsage);
      let failure: GatewayError | undefined;
      try {
        for await (const part of parts) {
          if (!(await writeSse(res, encoder.encode(part)))) return;
        }
      } catch (err) {
        failure = toGatewayError(signal.aborted ? (signal.reason ?? err) : err);
        reply.log.warn({ code: failure.code, provider: served.providerId }, 'stream failed after it started');
      }
      // A stream that failed ends with an error event and no [DONE], never looking like a success.
      await writeSse(res, failure ? encodeErrorFrame(failure) : encoder.end());
      res.end();
    } finally {
      release();
    }
  };
  app.post('/v1/chat/completions', handler);
  app.post('/chat/completions', handler);
}

function servedHeaders(served: ResolvedDeployment): Record<string, string> {
  return { 'x-switchyard-provider': served.providerId, 'x-switchyard-model': served.model };
}
