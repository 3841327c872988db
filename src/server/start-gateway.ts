import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { GatewayConfig } from '../config/gateway-config.js';
import { isLoopback } from '../config/parse-listen.js';
import { GatewayError } from '../spec/gateway-error.js';
import { buildProviders } from './build-providers.js';
import { createApp } from './create-app.js';

export interface RunningGateway {
  app: FastifyInstance;
  /** `http://host:port` it listens on. */
  url: string;
  /**
   * Stop accepting, let in-flight requests and streams finish for up to `graceMs`, then cut what is left
   * (streams end with an error event) and release the connection pools.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  logger?: FastifyServerOptions['logger'];
}

export class UnsafeListenError extends Error {}

/** Build and start the gateway on the config's listen address. */
export async function startGateway(config: GatewayConfig, options: StartOptions = {}): Promise<RunningGateway> {
  const { host, port } = config.listen;
  if (!isLoopback(host) && !config.masterKey) {
    throw new UnsafeListenError(
      `Refusing to listen on ${host}:${port} without client authentication: anyone who can reach it could spend your provider keys. ` +
        'Set auth.master_key in the config (e.g. "${SWITCHYARD_MASTER_KEY}"), or listen on 127.0.0.1.',
    );
  }
  const providers = buildProviders(config);
  const shutdown = new AbortController();
  const app = await createApp({ config, models: providers.models, shutdownSignal: shutdown.signal, logger: options.logger });
  await app.listen({ host, port });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  let closing: Promise<void> | undefined;
  const close = (graceMs = config.shutdownGraceMs) =>
    (closing ??= (async () => {
      const deadline = setTimeout(() => {
        app.log.warn('shutdown grace period over: ending the requests still in flight');
        shutdown.abort(new GatewayError('shutting_down', 'The gateway is shutting down.'));
        setTimeout(() => app.server.closeAllConnections(), 1000).unref();
      }, graceMs);
      // Connections that finish their last response while we wait would otherwise idle until keep-alive expires.
      const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(sweeper);
        clearTimeout(deadline);
        await providers.close();
      }
    })());
  return { app, url, close };
}
