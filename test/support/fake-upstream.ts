import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake upstream answers with. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body. */
  body?: string;
  /** SSE frames, each written as its own network write (already framed, e.g. `data: {...}\n\n`). */
  sse?: string[];
  /** Wait this long before sending headers. */
  delayMs?: number;
  /** Wait this long between SSE frames. */
  frameDelayMs?: number;
  /** Destroy the connection after this many SSE frames (a provider dying mid-stream). */
  cutAfterFrames?: number;
  /** Reset the connection before sending anything. */
  resetBeforeHeaders?: boolean;
  /** After this many SSE frames (or body pieces), go silent for `stallMs` before going on. */
  stallAfterFrames?: number;
  stallMs?: number;
  /** Send a JSON or raw body in this many pieces, `frameDelayMs` apart (a slow trickle). */
  pieces?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
}

export type Responder = (req: RecordedRequest) => Reply;

/**
 * A provider stand-in on loopback: records every request it gets and answers from a responder, so tests
 * can replay recorded provider traffic and assert what the gateway sent upstream.
 */
export class FakeUpstream {
  readonly requests: RecordedRequest[] = [];
  private responder: Responder = () => ({ status: 500, json: { error: { message: 'no reply configured' } } });
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeUpstream> {
    let self: FakeUpstream | undefined;
    const server = createServer((req, res) => void self?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new FakeUpstream(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** Answer every request with this reply (or the responder's reply). */
  reply(reply: Reply | Responder): void {
    this.responder = typeof reply === 'function' ? reply : () => reply;
    this.requests.length = 0;
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests[this.requests.length - 1];
    if (!last) throw new Error('the fake upstream received no request');
    return last;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, json };
    this.requests.push(recorded);
    const reply = this.responder(recorded);
    if (reply.resetBeforeHeaders) {
      req.socket.resetAndDestroy();
      return;
    }
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    const status = reply.status ?? 200;
    if (reply.sse) {
      res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
      let sent = 0;
      for (const frame of reply.sse) {
        if (reply.cutAfterFrames !== undefined && sent >= reply.cutAfterFrames) {
          res.destroy();
          return;
        }
        if (res.destroyed) return;
        res.write(frame);
        sent++;
        if (reply.stallAfterFrames === sent && reply.stallMs) await sleep(reply.stallMs);
        if (reply.frameDelayMs) await sleep(reply.frameDelayMs);
      }
      res.end();
      return;
    }
    const text = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
    res.writeHead(status, {
      'content-type': reply.json !== undefined ? 'application/json' : 'text/plain',
      ...reply.headers,
    });
    const pieces = reply.pieces ?? 1;
    if (pieces <= 1 && reply.stallAfterFrames === undefined && reply.cutAfterFrames === undefined) {
      res.end(text);
      return;
    }
    const size = Math.ceil(text.length / Math.max(pieces, 2));
    for (let i = 0, n = 0; i < text.length; i += size, n++) {
      if (reply.cutAfterFrames === n) {
        res.destroy();
        return;
      }
      if (res.destroyed) return;
      res.write(text.slice(i, i + size));
      if (reply.stallAfterFrames === n + 1 && reply.stallMs) await sleep(reply.stallMs);
      if (reply.frameDelayMs) await sleep(reply.frameDelayMs);
    }
    res.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * SSE frames from a recorded chunks file (one JSON payload per line).
 * `events: true` also writes `event: <payload.type>` (Anthropic); `done: true` ends with `data: [DONE]` (OpenAI-style).
 */
export function framesFromChunks(text: string, options: { events?: boolean; done?: boolean } = {}): string[] {
  // a few recordings already hold full SSE text: serve those frame by frame as they are
  if (/^(event|data):/.test(text.trimStart())) return text.split(/(?<=\n\n)/).filter((f) => f.trim() !== '');
  const frames: string[] = [];
  for (const line of text.split('\n')) {
    const payload = line.trim();
    if (payload === '') continue;
    if (options.events) {
      const type = (JSON.parse(payload) as { type?: string }).type;
      frames.push(`event: ${type}\ndata: ${payload}\n\n`);
    } else {
      frames.push(`data: ${payload}\n\n`);
    }
  }
  if (options.done) frames.push('data: [DONE]\n\n');
  return frames;
}
