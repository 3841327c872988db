import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, type RecordedRequest, type Reply } from '../support/fake-upstream.js';
import { cleanEnv, runCli } from '../support/run-cli.js';
import { readOwnFixture, readSharedFixture, sharedFixturesDir } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * Failures that tell the truth (issue 14): only signs of an unhealthy deployment count against it; a
 * client's error, a rate limit or a refused key never turns into a blind 503; when every deployment is
 * paused the request is still tried (the panic rule) or, with panic off, refused with the real cause; a
 * dead deployment is probed less and less often. Real gateway, real HTTP, a fake upstream on loopback.
 */
const ADMIN = 'sy-admin-for-failure-tests-000000';

const answer = (text: string) => ({
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});
const chunk = (text: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })}\n\n`;
const frames = [chunk('o'), chunk('k', 'stop'), 'data: [DONE]\n\n'];

async function chat(gateway: TestGateway, model: string, stream = false): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A recorded or written provider error: its status, body and headers, and what the client must see. */
interface ErrorCase {
  name: string;
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** The status the client gets: the provider's status class. */
  client: number;
  /** Attempts per request the rules allow at most (a transient failure is retried once here, `retries: 1`). */
  attemptsPerRequest: number;
  /** A phrase of the provider's own message the client must see. */
  message: RegExp;
  retryAfter?: string;
}

function errorCases(): ErrorCase[] {
  const own = (f: string) => readOwnFixture(`openai-compatible/${f}`);
  const cases: ErrorCase[] = [
    { name: '400 bad request', status: 400, body: own('error-400.json'), client: 400, attemptsPerRequest: 1, message: /Invalid value for 'temperature'/ },
    { name: '401 refused key', status: 401, body: own('error-401.json'), client: 502, attemptsPerRequest: 1, message: /rejected the gateway's credentials/ },
    { name: '404 unknown model', status: 404, body: own('error-404.json'), client: 404, attemptsPerRequest: 1, message: /does not exist/ },
    { name: '429 with Retry-After', status: 429, body: own('error-429.json'), headers: { 'retry-after': '20' }, client: 429, attemptsPerRequest: 1, message: /Rate limit reached/, retryAfter: '20' },
    { name: '429 without Retry-After', status: 429, body: own('error-429.json'), client: 429, attemptsPerRequest: 2, message: /Rate limit reached/ },
    { name: '500', status: 500, body: own('error-500.json'), client: 502, attemptsPerRequest: 2, message: /HTTP 500: The server had an error/ },
    { name: '503', status: 503, body: own('error-503.json'), client: 503, attemptsPerRequest: 2, message: /HTTP 503: The model is overloaded/ },
    { name: '529 overloaded', status: 529, body: readOwnFixture('anthropic/error-529.json'), client: 503, attemptsPerRequest: 2, message: /Overloaded/ },
  ];
  if (sharedFixturesDir) {
    const recorded = (f: string) => readSharedFixture(`vercel-ai/packages/openai/src/${f}`);
    cases.push(
      { name: 'recorded 429 insufficient_quota', status: 429, body: recorded('responses/__fixtures__/openai-error.1.json'), client: 429, attemptsPerRequest: 2, message: /exceeded your current quota/ },
      { name: 'recorded 400 unsupported parameter', status: 400, body: recorded('chat/__fixtures__/reasoning-model-legacy-parameter-error.json'), client: 400, attemptsPerRequest: 1, message: /Unsupported parameter/ },
    );
  } else {
    console.warn('[switchyard tests] ../shared/fixtures absent: the failure matrix runs on the project\'s own error fixtures only');
  }
  return cases;
}

describe('each provider error, 25 times in a row, one deployment', () => {
  const cases = errorCases();
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  const byModel = new Map(cases.map((c, i) => [`m${i}`, c]));

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    upstream.reply((req: RecordedRequest): Reply => {
      const c = byModel.get(String(req.json?.model))!;
      return { status: c.status, body: c.body, headers: { 'content-type': 'application/json', ...c.headers } };
    });
    gateway = await startTestGateway({
      auth: { admin_key: ADMIN },
      // a provider per case, so one case's breaker or cool-down is its own
      providers: Object.fromEntries(cases.map((_, i) => [`p${i}`, { type: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-test-000000', retries: 1 }])),
      models: Object.fromEntries(cases.map((_, i) => [`c${i}`, { deployments: [`p${i}/m${i}`] }])),
    });
  });
  afterAll(async () => {
    await gateway?.close(0);
    await upstream?.close();
  });

  for (const [i, c] of errorCases().entries()) {
    it(`${c.name}: the client always gets the provider's status class and message; the upstream sees what the rules say`, async () => {
      const sent = () => upstream.requests.filter((r) => r.json?.model === `m${i}`).length;
      const before = sent();
      for (let n = 0; n < 25; n++) {
        const r = await chat(gateway, `c${i}`);
        expect(r.status, `${c.name}, request ${n + 1}: ${r.text}`).toBe(c.client);
        expect(r.text).toMatch(c.message);
        expect(r.text).not.toContain('is paused');
        if (c.retryAfter) expect(r.headers.get('retry-after')).toBe(c.retryAfter);
      }
      // every request reached the provider (none refused blind); a transient failure is retried until
      // its deployment is found unwell, then each request gets the one try the panic rule allows
      if (c.attemptsPerRequest === 1) expect(sent() - before).toBe(25);
      else expect(sent() - before).toBeGreaterThanOrEqual(25 + 2), expect(sent() - before).toBeLessThanOrEqual(25 * c.attemptsPerRequest);
      const health = (await (await fetch(`${gateway.url}/admin/health`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
        data: Array<{ deployment: string; state: string; circuit: string }>;
      };
      const state = health.data.find((d) => d.deployment === `p${i}/m${i}`)!;
      // what each outcome does to the deployment's health
      if (c.status === 401) expect(state.state).toBe('misconfigured');
      else if (c.client < 500 && c.status !== 429) expect(state).toMatchObject({ state: 'closed', circuit: 'closed' });
      else if (c.status === 429) expect(state.circuit).toBe('closed');
      else expect(state.circuit).toBe('open');
    }, 60_000);
  }
});

describe('switchyard status and /metrics', () => {
  it("show each deployment's state, its last error and when, as the running gateway sees it", async () => {
    const upstream = await FakeUpstream.start();
    upstream.reply((req) =>
      req.json?.model === 'bad-key' ? { status: 401, json: { error: { message: 'Incorrect API key provided' } } } : { status: 429, headers: { 'retry-after': '30' }, json: { error: { message: 'slow down' } } },
    );
    const gateway = await startTestGateway({
      auth: { admin_key: ADMIN, metrics_key: ADMIN },
      providers: { p: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-test-000000', retries: 0 } },
      models: { locked: { deployments: ['p/bad-key'] }, busy: { deployments: ['p/busy'] }, idle: { deployments: ['p/idle'] } },
    });
    try {
      await chat(gateway, 'locked');
      await chat(gateway, 'busy');
      const r = await runCli(['status', '--url', gateway.url], cleanEnv({ SWITCHYARD_ADMIN_KEY: ADMIN }));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/p\/bad-key\tmisconfigured since \d+ s ago\t.*\t401 \d+ s ago: .*Incorrect API key provided/);
      expect(r.stdout).toMatch(/p\/busy\tcooling for \d+ s\t/);
      expect(r.stdout).toMatch(/p\/idle\tclosed\t-/);
      const noKey = await runCli(['status', '--url', gateway.url]);
      expect(noKey.code).toBe(2);
      const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
      expect(metrics).toContain('switchyard_deployment_state{deployment="p/bad-key",state="misconfigured"} 1');
      expect(metrics).toContain('switchyard_deployment_state{deployment="p/busy",state="cooling"} 1');
      expect(metrics).toContain('switchyard_deployment_state{deployment="p/idle",state="closed"} 1');
      expect(metrics).toContain('switchyard_deployment_state{deployment="p/idle",state="open"} 0');
    } finally {
      await gateway.close(0);
      await upstream.close();
    }
  });
});

/** Deterministic pseudo-random numbers (mulberry32): the same faults on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a single deployment failing 30% of attempts transiently, retries on', () => {
  it('serves at least 99% of 1,000 requests, streaming and not', async () => {
    const upstream = await FakeUpstream.start();
    const random = seeded(14);
    const faults: Array<(stream: boolean) => Reply> = [
      () => ({ status: 500, json: { error: { message: 'internal' } } }),
      () => ({ status: 429, json: { error: { message: 'slow down' } } }),
      () => ({ resetBeforeHeaders: true }),
      () => ({ status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }),
      // a stream cut before any content
      (stream) => (stream ? { sse: frames, cutAfterFrames: 0 } : { status: 503, json: { error: { message: 'busy' } } }),
    ];
    let failed = 0;
    upstream.reply((req) => {
      const stream = req.json?.stream === true;
      if (random() < 0.3) {
        failed++;
        return faults[failed % faults.length]!(stream);
      }
      return stream ? { sse: frames } : { json: answer('ok') };
    });
    const gateway = await startTestGateway({
      providers: { only: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, retries: 4 } },
      models: { m: { deployments: ['only/m'] } },
    });
    try {
      const outcomes: number[] = [];
      let next = 0;
      const client = async () => {
        while (next < 1000) {
          const i = next++;
          const r = await chat(gateway, 'm', i % 2 === 1);
          const ok = r.status === 200 && (i % 2 === 1 ? r.text.includes('"content":"k"') && r.text.trim().endsWith('[DONE]') : r.text.includes('"ok"'));
          outcomes.push(ok ? 200 : r.status);
        }
      };
      await Promise.all(Array.from({ length: 10 }, client));
      const served = outcomes.filter((s) => s === 200).length;
      console.info(`[failures] 1,000 requests to one deployment, ${failed} faulty attempts injected: ${served} served`);
      expect(outcomes).toHaveLength(1000);
      expect(failed).toBeGreaterThan(200); // the faults really happened
      expect(served).toBeGreaterThanOrEqual(990);
    } finally {
      await gateway.close(0);
      await upstream.close();
    }
  }, 120_000);
});

describe('a dead deployment with a healthy fallback', () => {
  it('after opening it gets at most one probe per open period, the periods grow, and the fallback serves all', async () => {
    const dead = await FakeUpstream.start();
    const alive = await FakeUpstream.start();
    const probes: number[] = [];
    dead.reply(() => {
      probes.push(Date.now());
      return { resetBeforeHeaders: true };
    });
    alive.reply({ json: answer('from the fallback') });
    const gateway = await startTestGateway({
      health: { open_ms: 200, max_open_ms: 1600 },
      providers: {
        dead: { type: 'openai-compatible', base_url: `${dead.url}/v1`, retries: 0 },
        alive: { type: 'openai-compatible', base_url: `${alive.url}/v1`, retries: 0 },
      },
      models: { m: { deployments: ['dead/m', 'alive/m'] } },
    });
    try {
      const started = Date.now();
      let served = 0;
      let total = 0;
      while (Date.now() - started < 4_000) {
        const r = await chat(gateway, 'm');
        total++;
        if (r.status === 200 && r.text.includes('from the fallback')) served++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(served).toBe(total);
      expect(total).toBeGreaterThan(50);
      // five failures open the circuit; then one probe per period: 200 ms, then 400, 800, 1600, 1600 ...
      const afterOpen = probes.slice(5);
      const gaps = afterOpen.map((t, k) => t - (k === 0 ? probes[4]! : afterOpen[k - 1]!));
      const periods = gaps.map((_, k) => Math.min(200 * 2 ** k, 1600));
      for (const [k, gap] of gaps.entries()) expect(gap, `probe ${k + 1}`).toBeGreaterThanOrEqual(periods[k]! - 5);
      expect(afterOpen.length).toBeGreaterThanOrEqual(2);
      expect(afterOpen.length).toBeLessThanOrEqual(6); // 200+400+800+1600 ms fit four periods in 4 s, give or take
    } finally {
      await gateway.close(0);
      await dead.close();
      await alive.close();
    }
  }, 30_000);
});

describe('streams and hedges', () => {
  it('a deployment that cuts every stream after its first content opens its circuit; the fallback serves on', async () => {
    const cutter = await FakeUpstream.start();
    const good = await FakeUpstream.start();
    // the first content frame gets to the gateway (50 ms before the cut), then the connection dies
    cutter.reply({ sse: [chunk('o'), chunk('k'), chunk('!', 'stop'), 'data: [DONE]\n\n'], cutAfterFrames: 1, frameDelayMs: 50 });
    good.reply({ sse: frames });
    const gateway = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: {
        cutter: { type: 'openai-compatible', base_url: `${cutter.url}/v1`, retries: 0 },
        good: { type: 'openai-compatible', base_url: `${good.url}/v1`, retries: 0 },
      },
      models: { m: { deployments: ['cutter/m', 'good/m'] } },
    });
    try {
      for (let n = 0; n < 5; n++) {
        const r = await chat(gateway, 'm', true);
        expect(r.text).not.toContain('[DONE]'); // cut after content: an error event ends it, not a failover
      }
      const health = (await (await fetch(`${gateway.url}/admin/health`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
        data: Array<{ deployment: string; circuit: string }>;
      };
      expect(health.data.find((d) => d.deployment === 'cutter/m')!.circuit).toBe('open');
      const after = await chat(gateway, 'm', true);
      expect(after.text.trim().endsWith('[DONE]')).toBe(true);
      expect(after.headers.get('x-switchyard-route')).toContain('served=good/m');
    } finally {
      await gateway.close(0);
      await cutter.close();
      await good.close();
    }
  });
});

describe('every deployment of a model paused', () => {
  let upstream: FakeUpstream;
  let failing = true;
  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    upstream.reply(() => (failing ? { status: 500, json: { error: { message: 'internal trouble' } } } : { json: answer('back') }));
  });
  afterAll(async () => {
    await upstream?.close();
  });
  const config = (panic: boolean) => ({
    health: { failure_threshold: 2, open_ms: 60_000, panic },
    providers: {
      a: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, retries: 0 },
      b: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, retries: 0 },
    },
    models: { m: { deployments: ['a/m', 'b/m'] } },
  });

  it('is still tried (the panic rule), fails with the provider\'s own status and message, and a success closes it', async () => {
    failing = true;
    const gateway = await startTestGateway(config(true));
    try {
      for (let n = 0; n < 2; n++) expect((await chat(gateway, 'm')).status).toBe(502);
      const before = upstream.requests.length;
      const r = await chat(gateway, 'm');
      expect(r.status).toBe(502);
      expect(r.text).toContain('internal trouble');
      expect(r.headers.get('x-switchyard-route')).toContain('panic=');
      expect(upstream.requests.length - before).toBe(2);
      failing = false;
      const back = await chat(gateway, 'm');
      expect(back.status).toBe(200);
      // the success closed that circuit: the next request is planned normally
      expect((await chat(gateway, 'm')).headers.get('x-switchyard-route')).not.toContain('panic=');
    } finally {
      await gateway.close(0);
    }
  });

  it('with health.panic off is refused, naming each deployment, why it is paused and the last real error', async () => {
    failing = true;
    const gateway = await startTestGateway(config(false));
    try {
      for (let n = 0; n < 2; n++) await chat(gateway, 'm');
      const before = upstream.requests.length;
      const r = await chat(gateway, 'm');
      expect(upstream.requests.length).toBe(before);
      expect(r.status).toBe(502);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      const { error } = JSON.parse(r.text) as { error: { message: string; code: string } };
      expect(error.code).toBe('upstream_error');
      expect(error.message).toMatch(/a\/m: circuit open after repeated failures for \d+ s more; last error: .*internal trouble/);
      expect(error.message).toContain('b/m: circuit open');
    } finally {
      await gateway.close(0);
    }
  });

  it('with health.panic off, a cooling model is refused with 429, the cause and the time left', async () => {
    const limited = await FakeUpstream.start();
    limited.reply({ status: 429, headers: { 'retry-after': '20' }, json: { error: { message: 'slow down please' } } });
    const gateway = await startTestGateway({
      health: { panic: false },
      providers: { only: { type: 'openai-compatible', base_url: `${limited.url}/v1`, retries: 0 } },
      models: { m: { deployments: ['only/m'] } },
    });
    try {
      expect((await chat(gateway, 'm')).status).toBe(429);
      const r = await chat(gateway, 'm');
      expect(limited.requests).toHaveLength(1);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(15);
      expect(r.text).toMatch(/only\/m: rate limited, cooling down for \d+ s more; last error: .*slow down please/);
    } finally {
      await gateway.close(0);
      await limited.close();
    }
  });
});
