import cluster, { type Worker } from 'node:cluster';
import type { GatewayConfig } from '../config/gateway-config.js';

/** Why N workers cannot share this config, or undefined when they can. */
export function workersRefusal(workers: number, config: GatewayConfig): string | undefined {
  if (workers <= 1) return undefined;
  if (config.storage.kind !== 'postgres' || !config.redis) {
    return (
      `--workers ${workers}: several processes need shared stores, or each would keep its own rate limits and budgets ` +
      `(multiplying them by ${workers}) and contend for one SQLite file. Set \`storage: postgres://…\` and \`redis: redis://…\` ` +
      'in the config (see docs/scaling.md), or run one process.'
    );
  }
  return undefined;
}

/** How long a worker must have run for its death to count as a crash to restart rather than a failure to start. */
const HEALTHY_AFTER_MS = 2_000;
const MAX_QUICK_DEATHS = 5;

/**
 * The cluster's primary: fork `count` workers (each runs the gateway on the shared port; the primary hands
 * out connections), restart any that dies, and on SIGTERM/SIGINT ask every worker to drain and wait for
 * all of them. Resolves with the exit code.
 */
export async function runPrimary(count: number, announce: (line: string) => void): Promise<number> {
  let stopping = false;
  let quickDeaths = 0;
  const started = new Map<Worker, number>();
  const ids = new Map<Worker, number>();
  const fork = (id: number) => {
    const worker = cluster.fork({ SWITCHYARD_WORKER_ID: String(id) });
    started.set(worker, Date.now());
    ids.set(worker, id);
  };
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === count) announce(`Switchyard: ${count} workers listening on http://${address.address ?? '127.0.0.1'}:${address.port} (primary pid ${process.pid})`);
  });

  return new Promise<number>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      const id = ids.get(worker)!;
      const ranFor = Date.now() - (started.get(worker) ?? 0);
      started.delete(worker);
      ids.delete(worker);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(0);
        return;
      }
      quickDeaths = ranFor < HEALTHY_AFTER_MS ? quickDeaths + 1 : 0;
      if (quickDeaths >= MAX_QUICK_DEATHS) {
        announce(`worker ${id} keeps dying at start (exit ${code ?? signal}); stopping the cluster`);
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(1);
        return;
      }
      announce(`worker ${id} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting a new one`);
      fork(id);
    });
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      announce(`${signal}: draining ${Object.keys(cluster.workers ?? {}).length} workers, then exiting`);
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(0);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    for (let i = 1; i <= count; i++) fork(i);
  });
}

/** In a worker: its id (1…N), else undefined. */
export function workerId(): number | undefined {
  return cluster.isWorker ? Number(process.env.SWITCHYARD_WORKER_ID ?? cluster.worker?.id) : undefined;
}

/** A worker that has shut its gateway down: close the channel to the primary, so the process can end. */
export function leaveCluster(): void {
  cluster.worker?.disconnect();
}
