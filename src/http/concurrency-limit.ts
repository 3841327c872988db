import { GatewayError } from '../spec/gateway-error.js';

/**
 * Requests (streams included) in flight per key in this process, against one limit: one key cannot hold
 * every connection or stream the gateway has. Over the limit a request is refused with 429.
 */
export class ConcurrencyLimit {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Count one more request for `key`; the returned function ends it (call it once, when the response is over). */
  enter(key: string): () => void {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.limit) {
      throw new GatewayError(
        'too_many_concurrent',
        `This key already has ${n} requests in flight, the most one key may have at once (limits.max_concurrent_per_key); retry when one finishes.`,
        { retryAfterSeconds: 1 },
      );
    }
    this.counts.set(key, n + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }
}
