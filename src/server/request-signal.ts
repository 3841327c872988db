import type { ServerResponse } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * An AbortSignal for one request's upstream work: aborted when the client goes away before the response
 * finished, or when a shutdown's grace period runs out. Call `release` when the request is done.
 */
export function requestSignal(res: ServerResponse, shutdown: AbortSignal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new GatewayError('internal_error', 'The client closed the connection.'));
  };
  const onShutdown = () =>
    controller.abort(new GatewayError('shutting_down', 'The gateway is shutting down; retry the request.'));
  res.once('close', onClose);
  if (shutdown.aborted) onShutdown();
  else shutdown.addEventListener('abort', onShutdown, { once: true });
  return {
    signal: controller.signal,
    release() {
      res.off('close', onClose);
      shutdown.removeEventListener('abort', onShutdown);
    },
  };
}
