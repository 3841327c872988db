import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/config/gateway-config.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * Clients that hold the gateway's sockets, memory or streams (issue 12, findings 4 and 15): every one is
 * cut by a documented limit with the documented status, and the gateway keeps serving others.
 */
const MASTER = 'sy-master-slow-clients-0123456789';
let upstream: FakeUpstream;
let gw: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('ok'));
  gw = await startTestGateway(
    {
      auth: { master_key: '${M}' },
      limits: { request_timeout_ms: 2_000, headers_timeout_ms: 1_000, max_buffered_body_bytes: 1_048_576, max_connections: 40 },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/m'] } },
    },
    { M: MASTER },
  );
});

afterAll(async () => {
  await gw.close(1000);
  await upstream.close();
});

interface RawResult {
  /** What the server wrote. */
  text: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/** A raw client: writes `head`, then `trickle` one piece every `everyMs` until the server closes (bounded). */
function rawClient(head: string, trickle?: string, everyMs = 200, giveUpMs = 10_000): { socket: Socket; done: Promise<RawResult> } {
  const url = new URL(gw.url);
  const started = Date.now();
  const socket = connect(Number(url.port), url.hostname);
  let text = '';
  const done = new Promise<RawResult>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('connect', () => {
      socket.write(head);
      if (trickle !== undefined) timer = setInterval(() => socket.writable && socket.write(trickle), everyMs);
    });
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
  });
  return { socket, done };
}

const auth = `authorization: Bearer ${MASTER}\r\n`;
const host = () => `host: ${new URL(gw.url).host}\r\n`;

describe.concurrent('slow and unfinished requests', () => {
  it('the default deadlines cut a slow client within 30 s', () => {
    expect(DEFAULT_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(DEFAULT_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(30_000);
  });

  it('a body trickled a byte at a time → 408 at the request deadline, then the connection closes', async () => {
    const { done } = rawClient(`POST /v1/chat/completions HTTP/1.1\r\n${host()}${auth}content-length: 1000\r\n\r\n{`, 'a', 200);
    const r = await done;
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.text).toContain('"code":"request_timeout"');
    expect(r.closedAfterMs).toBeLessThan(6_000);
  });

  it('a chunked body that never ends → 408', async () => {
    const { done } = rawClient(`POST /v1/chat/completions HTTP/1.1\r\n${host()}${auth}transfer-encoding: chunked\r\n\r\n1\r\n{\r\n`, '1\r\na\r\n', 300);
    const r = await done;
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeLessThan(6_000);
  });

  it('a Content-Length with no body → 408', async () => {
    const { done } = rawClient(`POST /v1/chat/completions HTTP/1.1\r\n${host()}${auth}content-length: 50\r\n\r\n`);
    const r = await done;
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeLessThan(6_000);
  });

  it('headers sent a line at a time → 408 at the headers deadline', async () => {
    const { done } = rawClient(`POST /v1/chat/completions HTTP/1.1\r\n${host()}`, 'x-slow: 1\r\n', 200);
    const r = await done;
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeLessThan(5_000);
  });

  it('an anonymous client refused with 401 is disconnected at once, not left holding a body', async () => {
    const { done } = rawClient(`POST /v1/chat/completions HTTP/1.1\r\n${host()}content-length: 100000\r\n\r\n{"model"`, 'a', 200);
    const r = await done;
    expect(r.text).toMatch(/^HTTP\/1\.1 401/);
    expect(r.text.toLowerCase()).toContain('connection: close');
    expect(r.closedAfterMs).toBeLessThan(1_500);
  });

  it('oversized request headers → 431', async () => {
    const { done } = rawClient(`GET /v1/models HTTP/1.1\r\n${host()}x-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const r = await done;
    expect(r.text).toMatch(/^HTTP\/1\.1 431/);
    expect(r.text).toContain('"code":"headers_too_large"');
  });
});

describe('memory and connections held by many clients', () => {
  it('half-sent bodies past limits.max_buffered_body_bytes → 503 for the next, and the pool drains after', async () => {
    const piece = 'a'.repeat(450_000);
    const holders = [1, 2].map(() => rawClient(`POST /v1/chat/completions HTTP/1.1\r\n${host()}${auth}content-length: 900000\r\n\r\n${piece}`));
    await new Promise((r) => setTimeout(r, 300));
    const big = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'b'.repeat(300_000) }] });
    const refused = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${MASTER}` }, body: big });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('overloaded');
    for (const h of holders) h.socket.destroy();
    await Promise.all(holders.map((h) => h.done));
    const served = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${MASTER}` }, body: big });
    expect(served.status).toBe(200);
  });

  it('connections past limits.max_connections are closed at once; others are served again when they go', async () => {
    const held = Array.from({ length: 40 }, () => rawClient(''));
    await new Promise((r) => setTimeout(r, 300));
    const extra = rawClient(`GET /health HTTP/1.1\r\n${host()}\r\n`);
    const r = await extra.done;
    expect(r.text).toBe('');
    expect(r.closedAfterMs).toBeLessThan(2_000);
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.done));
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  });
});

describe('requests in flight per key', () => {
  it('past limits.max_concurrent_per_key → 429 too_many_concurrent; the key works again once they finish', async () => {
    const admin = 'sy-admin-slow-clients-012345678';
    const keyed = await startTestGateway({
      auth: { admin_key: admin },
      limits: { max_concurrent_per_key: 2 },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/m'] } },
    });
    try {
      const created = (await (
        await fetch(`${keyed.url}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: JSON.stringify({ team: 't' }) })
      ).json()) as { key: string };
      const reply = openAIReply('slow');
      upstream.reply((req) => ({ ...reply(req), delayMs: 400 }));
      const ask = () =>
        fetch(`${keyed.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.key}` },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true }),
        }).then(async (r) => ({ status: r.status, body: await r.text() }));
      const results = await Promise.all([ask(), ask(), ask()]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 429]);
      expect(results.find((r) => r.status === 429)!.body).toContain('too_many_concurrent');
      upstream.reply(openAIReply('ok'));
      expect((await ask()).status).toBe(200);
    } finally {
      upstream.reply(openAIReply('ok'));
      await keyed.close(1000);
    }
  });
});
