import { Redis } from 'ioredis';

/**
 * A Redis connection for the counters: commands fail at once while the connection is down (no offline
 * queue, no retries of a command) and after `commandTimeoutMs` when Redis stops answering, so the
 * configured failure mode applies within a fraction of a second; the connection itself keeps retrying in
 * the background. Commands of one event-loop turn share one socket write (auto-pipelining): a write per
 * command was the largest single cost of a request on Redis in a CPU profile. Resolves once connected, or after `connectWaitMs` if Redis is down at start.
 */
export async function openRedis(url: string, options: { commandTimeoutMs?: number; connectWaitMs?: number } = {}): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(50 * times, 500),
    lazyConnect: false,
    // commands issued in the same event-loop turn (concurrent requests' scripts) go out in one socket write
    enableAutoPipelining: true,
  });
  // errors surface on the commands that fail; the client's own error events would otherwise crash the process
  redis.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, options.connectWaitMs ?? 2_000);
    redis.once('ready', done);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
  });
  return redis;
}

/** A connection for pub/sub subscriptions: it queues commands while connecting and re-subscribes after a reconnect. */
export function openRedisSubscriber(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(50 * times, 500) });
  redis.on('error', () => undefined);
  return redis;
}
