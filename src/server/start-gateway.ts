import { CHANNELS } from '../ledger/notifier.js';
import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import { SharedDeploymentHealth } from '../routing/health/shared-deployment-health.js';
import { createServer, type Server } from 'node:http';
import { createLogging, type Logging } from './create-logging.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { isLoopback } from '../config/parse-listen.js';
import { literalSecretsRefusal } from '../config/secret-fields.js';
import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import type { Catalog } from '../catalog/catalog.js';
import { buildProviders } from './build-providers.js';
import { openStores } from './open-stores.js';
import { createApp, type App } from './create-app.js';
import { answerClientError } from './answer-client-error.js';

export interface RunningGateway {
  app: App;
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  /**
   * Stop accepting, let in-flight requests and streams finish for up to `graceMs`, then cut what is left
   * (streams end with an error event) and release the connection pools.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  logging?: Logging;
  /** The catalog to price and describe deployments with; the built-in one by default. */
  catalog?: Catalog;
  /** This process's ledger spool folder (with PostgreSQL storage): `main` by default, `worker-N` in a cluster. */
  spoolName?: string;
  /** The built dashboard served at /ui; dist/ui in the package by default. */
  uiDir?: string;
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
  const secrets = literalSecretsRefusal(host, config.literalSecrets, isLoopback(host));
  if (secrets) throw new UnsafeListenError(`Refusing to listen on ${host}:${port}: ${secrets}.`);
  const catalog = options.catalog ?? loadDefaultCatalog(config.catalogOverrides);
  const providers = buildProviders(config, catalog);
  const logging = options.logging ?? createLogging(config.logLevel);
  let stores;
  try {
    stores = await openStores(config, { log: logging.log, ...(options.spoolName && { spoolName: options.spoolName }) });
  } catch (err) {
    await providers.close();
    throw err;
  }
  // breakers are shared: a circuit one process opens opens in every process on the same notifier
  const health = new SharedDeploymentHealth(new MemoryDeploymentHealth(config.health), stores.notifier, (err) =>
    logging.log.warn({ err }, 'could not announce a circuit change'),
  );
  await health.start();
  const app = createApp({ config, models: providers.models, stores, catalog, logging, health, ...(options.uiDir !== undefined && { uiDir: options.uiDir }) });
  await app.policy.start({ subscribe: (onChange) => stores.notifier.subscribe(CHANNELS.kill, onChange) });
  await app.selfChecks.start();
  const limits = config.limits;
  const server = createServer(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // a client has this long to send its whole request (a slow body included), and this long for its headers
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      // how often those deadlines are checked: a stalled request is cut within a second of its deadline
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: limits.maxHeaderBytes,
    },
    app.handle,
  );
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => {
      app.policy.stop();
      app.selfChecks.stop();
      health.stop();
      void app.telemetry.shutdown();
      void stores.close();
      void providers.close();
      reject(err);
    });
    // A deep accept queue (the kernel caps it at net.core.somaxconn): bursts of new connections wait
    // for the event loop instead of being reset.
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  app.log.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (graceMs = config.shutdownGraceMs) =>
    (closing ??= (async () => {
      app.refuseNewRequests();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Connections that finish their last response while we wait would otherwise idle until keep-alive expires.
      server.closeIdleConnections();
      const sweeper = setInterval(() => server.closeIdleConnections(), 100);
      const deadline = setTimeout(() => {
        if (app.inflight.size > 0) app.log.warn({ inflight: app.inflight.size }, 'shutdown grace period over: ending the requests still in flight');
        app.inflight.abortAll();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }, graceMs);
      try {
        await closed;
      } finally {
        clearInterval(sweeper);
        clearTimeout(deadline);
        app.policy.stop();
        app.selfChecks.stop();
        health.stop();
        app.shadow.stop();
        // every request has ended: its spans go out before the process does
        await app.telemetry.shutdown();
        await providers.close();
        await stores.close();
        app.log.flush();
      }
    })());
  return { app, server, url, close };
}
