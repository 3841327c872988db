import pino, { type Logger } from 'pino';

/**
 * The gateway's logger: JSON lines to stdout, written asynchronously in batches so that one line per
 * request costs the event loop microseconds, not a system call. Lines still buffered are flushed at exit.
 * The gateway never logs request headers, bodies or provider settings, so there is nothing to redact.
 */
export function createLogger(level: string): Logger {
  return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}
