import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerChatCompletionsRoute } from '../api/openai/chat-completions-route.js';
import { registerEmbeddingsRoute } from '../api/openai/embeddings-route.js';
import { registerModelsRoute } from '../api/openai/models-route.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { ModelTable } from '../routing/model-table.js';
import { checkClientKey } from './check-client-key.js';
import { installErrorHandling } from './install-error-handling.js';
import { installJsonBodyParser } from './install-json-body-parser.js';

export interface AppDeps {
  config: GatewayConfig;
  models: ModelTable;
  /** Pino options or `false`; defaults to JSON logs at the config's level. */
  logger?: FastifyServerOptions['logger'];
  now?: () => number;
  /** Aborted when a graceful shutdown runs out of time. */
  shutdownSignal?: AbortSignal;
}

/** The HTTP app, built from injected dependencies only: no globals, so tests build as many as they like. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["api-key"]'],
    },
    bodyLimit: config.maxBodyBytes,
    // one line per request, written by our onResponse hook, instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
  });
  const ctx = {
    models: deps.models,
    log: app.log,
    now: deps.now ?? Date.now,
    shutdownSignal: deps.shutdownSignal ?? new AbortController().signal,
  };

  installJsonBodyParser(app);
  installErrorHandling(app);
  app.addHook('onRequest', async (request) => {
    if (config.masterKey && request.url.startsWith('/v1/')) checkClientKey(request.headers, config.masterKey);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        provider: reply.getHeader('x-switchyard-provider'),
      },
      'request done',
    );
  });

  app.get('/health', async () => ({ status: 'ok' }));
  registerChatCompletionsRoute(app, ctx);
  registerEmbeddingsRoute(app, ctx);
  registerModelsRoute(app, ctx);
  return app;
}
