import pino, { type Logger } from 'pino';

export interface Logging {
  log: Logger;
  /**
   * Write the access-log line of one request: the same JSON-lines format as `log.info`, built with one
   * JSON.stringify, since it is written for every request. Nothing when the level is above info.
   */
  access(fields: Record<string, unknown>): void;
}

/**
 * The gateway's logs: JSON lines to stdout, written asynchronously in batches so that a line per request
 * costs the event loop microseconds, not a system call; lines still buffered are flushed at exit.
 * The gateway never logs request headers, bodies or provider settings, so there is nothing to redact.
 */
export function createLogging(level: string): Logging {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const log = pino({ level }, destination);
  const enabled = log.isLevelEnabled('info');
  return {
    log,
    access(fields) {
      if (!enabled) return;
      destination.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: 'request', ...fields })}\n`);
    },
  };
}

/** Logging that writes nothing (tests, embedding). */
export function silentLogging(): Logging {
  return { log: pino({ level: 'silent' }), access() {} };
}
