import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * A provider that answers with more than any answer should hold (issue 12, findings 2, 5, 6, 9): the
 * gateway stops reading at its limit, fails that one request cleanly, and holds a bounded amount.
 */
const MiB = 1024 * 1024;
/** The most a hostile answer is allowed to send before the test gives up on it. */
const CAP = 64 * MiB;

type Behaviour = (res: ServerResponse) => Promise<void>;

/** An upstream whose answers are written by a behaviour; it counts the bytes each answer got to send. */
class HostileUpstream {
  sent = 0;
  closedEarly = false;
  behaviour: Behaviour = async (res) => void res.end();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HostileUpstream> {
    let self: HostileUpstream | undefined;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => void self?.run(res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self = new HostileUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  private async run(res: ServerResponse): Promise<void> {
    this.sent = 0;
    this.closedEarly = false;
    res.on('close', () => {
      if (!res.writableFinished) this.closedEarly = true;
    });
    await this.behaviour(res);
  }

  /** Write `piece` over and over (respecting back-pressure) until the client goes or CAP bytes are out. */
  async endless(res: ServerResponse, piece: string): Promise<void> {
    while (!res.destroyed && this.sent < CAP) {
      this.sent += Buffer.byteLength(piece);
      if (!res.write(piece)) {
        // wait for the socket to take more, or to go; both listeners leave once either fires
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

let hostile: HostileUpstream;
let plain: FakeUpstream;
let gw: TestGateway;

beforeAll(async () => {
  hostile = await HostileUpstream.start();
  plain = await FakeUpstream.start();
  gw = await startTestGateway({
    limits: { max_upstream_body_bytes: MiB, max_upstream_event_bytes: MiB },
    providers: {
      bad: { type: 'vllm', base_url: `${hostile.url}/v1`, retries: 0 },
      gem: { type: 'gemini', api_key: 'gem-key-0123456789', base_url: `${plain.url}/v1beta` },
    },
  });
});

afterAll(async () => {
  await gw.close(1000);
  await hostile.close();
  await plain.close();
});

const ask = (model: string, extra: Record<string, unknown> = {}) =>
  fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }) });
const sse = { 'content-type': 'text/event-stream' };
const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

describe('a stream event that never ends', () => {
  it('fails the request with 502 before content, and the gateway stops reading a little past its limit', async () => {
    hostile.behaviour = async (res) => {
      res.writeHead(200, sse);
      await hostile.endless(res, `data: {"x":"${'a'.repeat(64 * 1024)}`.slice(0, 64 * 1024));
    };
    const heapBefore = process.memoryUsage().heapUsed;
    const res = await ask('bad/m', { stream: true });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('upstream_invalid_response');
    expect(body.error.message).toMatch(/stream event larger than/);
    await new Promise((r) => setTimeout(r, 100));
    expect(hostile.closedEarly).toBe(true);
    expect(hostile.sent).toBeLessThan(8 * MiB);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * MiB);
  });

  it('after content has gone out, the stream ends with an error event, never [DONE]', async () => {
    hostile.behaviour = async (res) => {
      res.writeHead(200, sse);
      res.write(chunk('Hello'));
      await hostile.endless(res, 'data: ' + 'b'.repeat(64 * 1024 - 6));
    };
    const res = await ask('bad/m', { stream: true });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('Hello');
    expect(text).toContain('upstream_invalid_response');
    expect(text).not.toContain('[DONE]');
    expect(hostile.sent).toBeLessThan(8 * MiB);
  });

  it('many small events (an answer that is only long) are not cut', async () => {
    hostile.behaviour = async (res) => {
      res.writeHead(200, sse);
      for (let i = 0; i < 2_000; i++) res.write(chunk('x'.repeat(1_000)));
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    };
    const res = await ask('bad/m', { stream: true });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('[DONE]');
    expect(text.length).toBeGreaterThan(2 * MiB);
  });
});

describe('answers read whole', () => {
  it('a JSON answer larger than limits.max_upstream_body_bytes → 502, read no further', async () => {
    hostile.behaviour = async (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      await hostile.endless(res, '{"choices":[' + ' '.repeat(64 * 1024));
    };
    const res = await ask('bad/m');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than this gateway accepts/);
    expect(hostile.sent).toBeLessThan(8 * MiB);
  });

  it('a huge error body is read only as far as its message needs; the client gets a short message', async () => {
    hostile.behaviour = async (res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      await hostile.endless(res, 'E'.repeat(64 * 1024));
    };
    const res = await ask('bad/m');
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text.length).toBeLessThan(3_000);
    expect(hostile.sent).toBeLessThan(8 * MiB);
  });
});

describe('Gemini', () => {
  it('a model name cannot reach another path or query on the provider host', async () => {
    plain.reply({ json: { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] } });
    const traversal = await ask('gem/../../../../x?y=1#');
    expect(traversal.status).toBe(400);
    expect(plain.requests).toHaveLength(0);
    const res = await ask('gem/x?y=1#z');
    expect(res.status).toBe(200);
    expect(plain.lastRequest.url).toBe('/v1beta/models/x%3Fy%3D1%23z:generateContent');
    expect(plain.lastRequest.headers['x-goog-api-key']).toBe('gem-key-0123456789');
  });

  it('tool schemas whose $defs refer to each other twice per level → 400 at once, not an exponential expansion', async () => {
    plain.requests.length = 0;
    const depth = 40;
    const $defs: Record<string, unknown> = {};
    for (let i = 0; i < depth; i++) {
      $defs[`d${i}`] =
        i === depth - 1
          ? { type: 'string' }
          : { type: 'object', properties: { a: { $ref: `#/$defs/d${i + 1}` }, b: { $ref: `#/$defs/d${i + 1}` } } };
    }
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { root: { $ref: '#/$defs/d0' } }, $defs } } }];
    const started = performance.now();
    const res = await ask('gem/gemini-2.5-flash', { tools });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { param: string; message: string } };
    expect(body.error.param).toBe('tools');
    expect(body.error.message).toMatch(/schema nodes/);
    expect(plain.requests).toHaveLength(0);
  });
});
