import { formatDemoBanner } from '../demo/format-demo-banner.js';
import { NotADemoStoreError } from '../demo/demo-store.js';
import { startDemo, type RunningDemo } from '../demo/start-demo.js';

/** The command line's options, as commander gives them. */
export interface DemoCommandOptions {
  port?: string;
  store?: string;
  /** false with --no-traffic. */
  traffic?: boolean;
  trafficInterval?: string;
  logLevel?: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * `switchyard demo`: the gateway over simulated providers with a seeded history and live traffic, until
 * SIGINT or SIGTERM; resolves with the exit code.
 */
export async function runDemo(opts: DemoCommandOptions): Promise<number> {
  const port = Number(opts.port ?? '4000');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port '${opts.port}': expected a whole number from 0 to 65535 (0: any free port)`);
    return 1;
  }
  const interval = Number(opts.trafficInterval ?? '12');
  if (!Number.isFinite(interval) || interval < 0.1) {
    console.error(`--traffic-interval '${opts.trafficInterval}': expected seconds, at least 0.1`);
    return 1;
  }
  const logLevel = opts.logLevel ?? 'error';
  if (!LOG_LEVELS.includes(logLevel)) {
    console.error(`--log-level '${logLevel}': expected one of ${LOG_LEVELS.join(', ')}`);
    return 1;
  }
  let demo: RunningDemo;
  try {
    demo = await startDemo({
      port,
      ...(opts.store !== undefined && { storePath: opts.store }),
      traffic: opts.traffic !== false,
      trafficIntervalMs: interval * 1000,
      logLevel,
    });
  } catch (err) {
    if (err instanceof NotADemoStoreError) {
      console.error(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${port} on 127.0.0.1 is in use: pass --port with another (or --port 0 for any free one).`);
      return 1;
    }
    throw err;
  }
  console.log(formatDemoBanner(demo));

  await new Promise<void>((resolve) => {
    let stoppingSince: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stoppingSince !== undefined) {
        // under npm a Ctrl-C arrives twice: a repeat within a second is that echo, a later one a person in a hurry
        if (signal !== 'SIGINT' || Date.now() - stoppingSince < 1_000) return;
        console.error('SIGINT again: exiting now');
        process.exit(130);
      }
      stoppingSince = Date.now();
      console.error(`${signal}: stopping the demo's traffic and gateway`);
      demo.close().then(done, (err) => {
        console.error(err);
        done();
      });
    };
    const done = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  console.error(`Demo stopped. Its store stays at ${demo.storePath} until the next demo replaces it.`);
  return 0;
}
