import type { ServerResponse } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * The upstream work of every request in flight, so a shutdown that runs out of time can stop it all.
 * Each request gets an AbortSignal that fires when its client goes away before the response finished,
 * or at that shutdown.
 */
export class InflightRequests {
  private readonly controllers = new Set<AbortController>();
  private stopping: GatewayError | undefined;

  /** A signal for one request's upstream work; call `release` when the request is done. */
  open(res: ServerResponse): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    if (this.stopping) controller.abort(this.stopping);
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new GatewayError('client_closed', 'The client closed the connection.'));
    };
    res.once('close', onClose);
    this.controllers.add(controller);
    return {
      signal: controller.signal,
      release: () => {
        res.off('close', onClose);
        this.controllers.delete(controller);
      },
    };
  }

  get size(): number {
    return this.controllers.size;
  }

  /** Abort everything in flight (and anything opened later). */
  abortAll(): void {
    this.stopping = new GatewayError('shutting_down', 'The gateway is shutting down; retry the request.');
    for (const c of this.controllers) c.abort(this.stopping);
  }
}
