import type { ServerResponse } from 'node:http';
import { safeHeaders } from './header-value.js';

/**
 * Writes an SSE response. Frames produced while one network read of the upstream is turned into parts
 * are joined and leave in a single write (one chunk of the chunked encoding, not one per frame) once that
 * work is done. While the client's socket is backed up, `write` returns a promise that waits for it, so a
 * slow reader slows the upstream read instead of making the gateway buffer the answer.
 */
export class SseWriter {
  private pending = '';
  private scheduled = false;

  constructor(
    private readonly res: ServerResponse,
    headers: Record<string, string>,
  ) {
    // The headers leave with the first frame, which follows at once: a stream is only opened once the
    // provider has sent its first content.
    res.writeHead(200, {
      ...safeHeaders(headers),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
  }

  /** Queue frames. False when the client is gone; a promise only when it had to wait for the client. */
  write(text: string): boolean | Promise<boolean> {
    const res = this.res;
    if (res.destroyed) return false;
    if (text !== '') {
      this.pending += text;
      if (!this.scheduled) {
        this.scheduled = true;
        process.nextTick(flush, this);
      }
    }
    return res.writableNeedDrain ? this.waitForDrain() : true;
  }

  /** Write the closing frames and end the response. */
  end(text: string): void {
    const out = this.pending + text;
    this.pending = '';
    if (!this.res.destroyed) this.res.end(out);
  }

  /** @internal */
  flushPending(): void {
    this.scheduled = false;
    if (this.pending === '' || this.res.destroyed || this.res.writableEnded) return;
    const out = this.pending;
    this.pending = '';
    this.res.write(out);
  }

  private waitForDrain(): Promise<boolean> {
    const res = this.res;
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
}

function flush(writer: SseWriter): void {
  writer.flushPending();
}
