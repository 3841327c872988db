import { randomUUID } from 'node:crypto';
import { executeChat, openChatStream } from '../../routing/execute-plan.js';
import type { ResolvedDeployment } from '../../routing/model-table.js';
import { planChatRoute } from '../../routing/plan-route.js';
import type { GatewayContext } from '../gateway-context.js';
import type { RequestContext } from '../../http/request-context.js';
import type { RouteTable } from '../../http/route-table.js';
import { SseWriter } from '../../http/sse-writer.js';
import { GatewayError, toGatewayError } from '../../spec/gateway-error.js';
import { ChatChunkEncoder } from './chat-chunk-encoder.js';
import { encodeChatCompletion } from './encode-chat-completion.js';
import { encodeErrorFrame } from './encode-error.js';
import { parseChatRequest } from './parse-chat-request.js';

/** POST /v1/chat/completions: OpenAI wire in, canonical through the router, OpenAI wire (JSON or SSE) out. */
export function registerChatCompletionsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const handler = async (rc: RequestContext) => {
    const chat = parseChatRequest(rc.body);
    const plan = planChatRoute(chat, ctx.models);
    const { signal, release } = ctx.inflight.open(rc.res);
    const identity = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(ctx.now() / 1000), model: chat.model };
    rc.outcome.model = chat.model;
    rc.outcome.stream = chat.stream;
    try {
      if (!chat.stream) {
        const { value, served } = await executeChat(plan, chat, signal);
        identity.model = served.model;
        noteServed(rc, served);
        if (value.usage) rc.outcome.usage = value.usage;
        return encodeChatCompletion(value, identity);
      }
      const { value: parts, served } = await openChatStream(plan, chat, signal);
      identity.model = served.model;
      noteServed(rc, served);
      const sse = new SseWriter(rc.res, rc.headers);
      const encoder = new ChatChunkEncoder(identity, chat.includeUsage);
      let failure: GatewayError | undefined;
      try {
        for await (const part of parts) {
          const written = sse.write(encoder.encode(part));
          if (written !== true && !(await written)) break;
        }
        if (!encoder.isFinished && !rc.res.destroyed) {
          throw new GatewayError('stream_interrupted', `Provider '${served.providerId}' ended the stream without finishing the answer.`, {
            provider: served.providerId,
          });
        }
      } catch (err) {
        failure = toGatewayError(signal.aborted ? (signal.reason ?? err) : err);
        rc.logFields.error = failure.code;
        if (failure.code === 'internal_error') rc.log.error({ reqId: rc.id, err }, 'stream failed after it started');
        else rc.log.warn({ reqId: rc.id, code: failure.code, provider: served.providerId }, 'stream failed after it started');
      }
      if (encoder.usage) rc.outcome.usage = encoder.usage;
      // A stream that failed ends with an error event and no [DONE], never looking like a success.
      sse.end(failure ? encodeErrorFrame(failure) : encoder.end());
      return undefined;
    } finally {
      release();
    }
  };
  routes.post('/v1/chat/completions', handler).post('/chat/completions', handler);
}

function noteServed(rc: RequestContext, served: ResolvedDeployment): void {
  rc.headers['x-switchyard-provider'] = served.providerId;
  rc.headers['x-switchyard-model'] = served.model;
  rc.outcome.provider = served.providerId;
}
