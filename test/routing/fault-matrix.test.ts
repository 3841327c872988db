import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, type RecordedRequest, type Reply } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The fault matrix: deployment A fails in one of nine ways on 30% of requests, deployment B is healthy.
 * Every non-streaming request succeeds; a stream that fails before its first chunk is served by B; one
 * that fails after it ends with a clean error event, never [DONE], and its ledger row says partial.
 */
const FAULTS = ['500', '503', '429', 'reset', 'stall-first-byte', 'stall-mid', 'cut', 'malformed', 'trickle'] as const;
type Fault = (typeof FAULTS)[number];
/** Faults that strike after the first chunk of a stream. */
const LATE: ReadonlySet<Fault> = new Set(['stall-mid', 'cut', 'malformed']);

const dbPath = join(mkdtempSync(join(tmpdir(), 'sy-faults-')), 'ledger.db');
let a: FakeUpstream;
let b: FakeUpstream;
let gateway: TestGateway;
let n = 0;
/** Which fault (if any) the n-th request to A gets: 30% of requests, the nine faults in turn. */
const faultOf = (i: number): Fault | undefined => ((i * 37) % 100 < 30 ? FAULTS[i % FAULTS.length] : undefined);

const chunk = (i: number, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: finish }] })}\n\n`;
const frames = [chunk(0), chunk(1), chunk(2), chunk(3, 'stop'), 'data: [DONE]\n\n'];
const answer = (who: string) => ({
  id: who,
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: `from ${who}` }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});

function faultyReply(req: RecordedRequest): Reply {
  return replyWith(forced ?? faultOf(n++), req.json?.stream === true);
}

/** When set, A answers every request with this fault (the per-fault cases). */
let forced: Fault | undefined;

function replyWith(fault: Fault | undefined, stream: boolean): Reply {
  switch (fault) {
    case undefined:
      return stream ? { sse: frames } : { json: answer('A') };
    case '500':
      return { status: 500, json: { error: { message: 'internal' } } };
    case '503':
      return { status: 503, headers: { 'retry-after': '1' }, json: { error: { message: 'overloaded' } } };
    case '429':
      return { status: 429, json: { error: { message: 'slow down' } } };
    case 'reset':
      return { resetBeforeHeaders: true };
    case 'stall-first-byte':
      return { delayMs: 2_500, ...(stream ? { sse: frames } : { json: answer('A') }) };
    case 'stall-mid':
      return stream ? { sse: frames, stallAfterFrames: 1, stallMs: 2_500 } : { json: answer('A'), pieces: 3, stallAfterFrames: 1, stallMs: 2_500 };
    case 'cut':
      return stream ? { sse: [chunk(0), chunk(1)] } : { json: answer('A'), pieces: 3, cutAfterFrames: 1 };
    case 'malformed':
      return stream ? { sse: [chunk(0), 'data: {"choices":[{"delta":{"content":\n\n', ...frames.slice(1)] } : { body: '{"choices": [', headers: { 'content-type': 'application/json' } };
    case 'trickle':
      return stream ? { sse: frames, frameDelayMs: 30 } : { json: answer('A'), pieces: 4, frameDelayMs: 30 };
  }
}

beforeAll(async () => {
  a = await FakeUpstream.start();
  b = await FakeUpstream.start();
  a.reply(faultyReply);
  b.reply((req) => (req.json?.stream ? { sse: frames } : { json: answer('B') }));
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: {
      a: { type: 'vllm', base_url: `${a.url}/v1`, timeouts: { first_byte_ms: 1_000, idle_ms: 1_000 }, retries: 0 },
      b: { type: 'vllm', base_url: `${b.url}/v1`, retries: 0 },
    },
    routes: { chat: { strategy: 'fallback', targets: ['a/m', 'b/m'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await a.close();
  await b.close();
});

async function pool<T>(count: number, concurrency: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await run(i);
      }
    }),
  );
  return out;
}

describe('fault matrix', () => {
  it('1,000 non-streaming requests with 30% faults on A all succeed', async () => {
    const results = await pool(1000, 40, async () => {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
      });
      const body = (await res.json()) as { choices?: Array<{ message: { content: string } }> };
      return { status: res.status, text: body.choices?.[0]?.message.content, route: res.headers.get('x-switchyard-route') };
    });
    const failed = results.filter((r) => r.status !== 200);
    expect(failed).toEqual([]);
    // A served what it could; its breaker paused it after a Retry-After or a run of failures, B took the rest
    expect(results.filter((r) => r.text === 'from A').length).toBeGreaterThan(0);
    expect(results.filter((r) => r.text === 'from B').length).toBeGreaterThan(100);
    // the header explains the failovers
    expect(results.some((r) => /served=b\/m; tried=a\/m:/.test(r.route ?? ''))).toBe(true);
  }, 60_000);

  describe.each(FAULTS.map((f) => [f]))('fault %s, alone', (fault) => {
    let fresh: TestGateway;
    beforeAll(async () => {
      forced = fault;
      // a gateway of its own, so no earlier fault has paused A
      fresh = await startTestGateway({
        storage: `sqlite:${dbPath}`,
        providers: {
          a: { type: 'vllm', base_url: `${a.url}/v1`, timeouts: { first_byte_ms: 1_000, idle_ms: 1_000 }, retries: 0 },
          b: { type: 'vllm', base_url: `${b.url}/v1`, retries: 0 },
        },
        routes: { chat: { strategy: 'fallback', targets: ['a/m', 'b/m'] } },
      });
    });
    afterAll(async () => {
      forced = undefined;
      await fresh.close(1000);
    });

    it('non-streaming: served (by B when A fails)', async () => {
      const res = await fetch(`${fresh.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
      expect(body.choices[0]?.message.content).toBe(fault === 'trickle' ? 'from A' : 'from B');
    });

    it(LATE.has(fault) ? 'streaming: ends with a clean error event, marked partial' : 'streaming: served whole', async () => {
      const res = await fetch(`${fresh.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      const id = /"id":"(chatcmpl-[^"]+)"/.exec(text)?.[1];
      if (!LATE.has(fault)) {
        expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
        expect(text).toContain('w3 ');
        expect(res.headers.get('x-switchyard-provider')).toBe(fault === 'trickle' ? 'a' : 'b');
        return;
      }
      expect(text).not.toContain('[DONE]');
      expect(text).toContain('w0 ');
      expect(text).toMatch(/"error":\{"message":"[^"]+","type":"[^"]+","code":"(stream_interrupted|upstream_timeout|upstream_invalid_response)"/);
      const db = new Database(dbPath, { readonly: true });
      try {
        const row = db.prepare('SELECT partial, error_code, provider FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
        expect(row).toMatchObject({ partial: 1, provider: 'a' });
        expect(row.error_code).toMatch(/stream_interrupted|upstream_timeout|upstream_invalid_response/);
      } finally {
        db.close();
      }
    }, 10_000);
  });
});
