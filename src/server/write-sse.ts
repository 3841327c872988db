import type { ServerResponse } from 'node:http';

/** Start an SSE response: headers go out at once so the client sees the stream open. */
export function openSse(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
}

/**
 * Write one piece of SSE text, waiting while the client's socket is backed up so a slow reader never
 * makes the gateway buffer a whole answer. Resolves false when the client is gone.
 */
export async function writeSse(res: ServerResponse, text: string): Promise<boolean> {
  if (text === '') return !res.destroyed;
  if (res.destroyed) return false;
  if (res.write(text)) return true;
  return new Promise((resolve) => {
    // both listeners go as soon as either fires: a long stream stalls many times
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve(!res.destroyed);
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
