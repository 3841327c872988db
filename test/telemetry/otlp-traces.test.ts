import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';

/**
 * Request traces over OTLP/HTTP, received by a stand-in collector on loopback: one server span per
 * request, one client span per upstream attempt under it, the GenAI semantic conventions' attributes, and
 * no prompt or answer text unless capture_content is on. Spans are flushed on demand, never waited for.
 */
const PROMPT = 'the secret recipe is 42 parts paprika';
const ANSWER = 'a carefully guarded answer';
const UPSTREAM_KEY = 'sk-upstream-key-never-in-spans-0001';
const COLLECTOR_KEY = 'collector-key-sent-as-a-header-0001';
const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

let good: FakeUpstream;
let bad: FakeUpstream;
/** Answers after 3 s, or cuts its streams after the first content. */
let odd: FakeUpstream;
let receiver: OtlpReceiver;
let gateway: TestGateway;

function config(otlp: Record<string, unknown>): Record<string, unknown> {
  return {
    health: { failure_threshold: 1000, window_size: 1000, min_requests: 1000 },
    providers: {
      ds: { type: 'deepseek', api_key: UPSTREAM_KEY, base_url: `${good.url}/v1`, retries: 0 },
      // retried once where it is a request's last deployment
      bad: { type: 'openai-compatible', base_url: `${bad.url}/v1`, retries: 1 },
      emb: { type: 'openai-compatible', base_url: `${good.url}/v1`, retries: 0 },
      odd: { type: 'openai-compatible', base_url: `${odd.url}/v1`, retries: 0 },
    },
    routes: { hedged: { strategy: 'fallback', targets: ['odd/slow', 'ds/deepseek-chat'], hedge_after_ms: 50 } },
    models: {
      chat: { deployments: ['ds/deepseek-chat'] },
      fallback: { deployments: ['bad/m', 'ds/deepseek-chat'] },
      broken: { deployments: ['bad/m'] },
      cut: { deployments: ['odd/cut'] },
    },
    telemetry: { otlp: { endpoint: `${receiver.url}/v1/traces`, ...otlp } },
  };
}

beforeAll(async () => {
  [good, bad, odd, receiver] = await Promise.all([FakeUpstream.start(), FakeUpstream.start(), FakeUpstream.start(), OtlpReceiver.start()]);
  const reply = openAIReply(ANSWER, { prompt_tokens: 11, completion_tokens: 7 });
  const frame = (content: string) =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'cut', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
  odd.reply((req) =>
    req.json?.model === 'cut' ? { sse: [frame('part one'), frame('part two'), frame('never sent')], frameDelayMs: 20, cutAfterFrames: 2 } : { ...reply(req), delayMs: 3000 },
  );
  good.reply((req) =>
    req.url.endsWith('/embeddings')
      ? { json: { object: 'list', model: 'e', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], usage: { prompt_tokens: 3, total_tokens: 3 } } }
      : reply(req),
  );
  bad.reply({ status: 500, json: { error: { message: 'the upstream fell over' } } });
  gateway = await startTestGateway(config({ headers: { 'x-collector-key': COLLECTOR_KEY }, service_name: 'switchyard-test' }));
});

afterAll(async () => {
  await gateway?.close(1000);
  await Promise.all([good?.close(), bad?.close(), odd?.close(), receiver?.close()]);
});

/** POST a chat request; the gateway's request id and the whole body once the response has ended. */
async function chat(gw: TestGateway, body: Record<string, unknown>, key?: string): Promise<{ status: number; id: string; text: string }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ messages: [{ role: 'user', content: PROMPT }], ...body }),
  });
  const text = await res.text();
  return { status: res.status, id: res.headers.get('x-switchyard-request-id') ?? '', text };
}

/** Flush the gateway's spans, then the request span of `id` and its children. */
async function traced(gw: TestGateway, id: string): Promise<{ root: ReceivedSpan; children: ReceivedSpan[] }> {
  await gw.app.telemetry.tracing!.flush();
  const root = receiver.requestSpan(id);
  const children = receiver.trace(root.traceId).filter((s) => s.parentSpanId === root.spanId);
  return { root, children };
}

describe('OTLP traces', () => {
  it('a whole answer: a server span with the GenAI attributes and one client span for its attempt', async () => {
    const { status, id } = await chat(gateway, { model: 'chat', max_tokens: 50, temperature: 0.2 });
    expect(status).toBe(200);
    const { root, children } = await traced(gateway, id);
    expect(root.name).toBe('chat chat');
    expect(root.kind).toBe(SERVER);
    expect(root.parentSpanId ?? '').toBe('');
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'chat',
      'gen_ai.response.model': 'deepseek-chat',
      'gen_ai.provider.name': 'deepseek',
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.finish_reasons': ['stop'],
      'http.response.status_code': 200,
      'switchyard.request_id': id,
      'switchyard.provider': 'ds',
      'switchyard.stream': false,
      'switchyard.origin': 'CN',
    });
    expect(root.attributes['switchyard.cost_usd']).toBeGreaterThan(0);
    expect(root.attributes['switchyard.route']).toBe('model=chat; served=ds/deepseek-chat');
    expect(root.attributes['error.type']).toBeUndefined();
    expect(root.resource).toMatchObject({ 'service.name': 'switchyard-test' });
    expect(root.resource['service.version']).toMatch(/^\d+\.\d+\.\d+/);

    expect(children).toHaveLength(1);
    const attempt = children[0]!;
    expect(attempt.name).toBe('chat deepseek-chat');
    expect(attempt.kind).toBe(CLIENT);
    expect(attempt.traceId).toBe(root.traceId);
    expect(attempt.attributes).toMatchObject({
      'gen_ai.provider.name': 'deepseek',
      'gen_ai.request.model': 'deepseek-chat',
      'switchyard.provider': 'ds',
      'switchyard.deployment': 'ds/deepseek-chat',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(good.url).port),
      'switchyard.attempt.outcome': 'success',
      'switchyard.attempt.retry': 0,
      'switchyard.attempt.failover': false,
    });
    // nothing of the conversation by default, and never a key; the collector's own header did arrive
    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain('paprika');
    expect(exported).not.toContain(ANSWER);
    expect(exported).not.toContain(UPSTREAM_KEY);
    expect(exported).not.toContain(COLLECTOR_KEY);
    expect(root.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(receiver.headers.at(-1)?.['x-collector-key']).toBe(COLLECTOR_KEY);
    expect(receiver.headers.at(-1)?.['content-type']).toMatch(/application\/json/);
    expect(receiver.strayPaths).toEqual([]);
  });

  it('a stream: the span ends with the stream, its attempt inside it', async () => {
    const { status, id, text } = await chat(gateway, { model: 'chat', stream: true, stream_options: { include_usage: true } });
    expect(status).toBe(200);
    expect(text).toContain('[DONE]');
    const { root, children } = await traced(gateway, id);
    expect(root.attributes).toMatchObject({
      'switchyard.stream': true,
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.response.model': 'deepseek-chat',
    });
    expect(root.attributes['switchyard.ttft_ms']).toBeGreaterThanOrEqual(0);
    expect(children).toHaveLength(1);
    const attempt = children[0]!;
    expect(attempt.attributes['switchyard.attempt.outcome']).toBe('success');
    // the attempt ended when its stream did, within the request's span
    expect(BigInt(attempt.endTimeUnixNano)).toBeLessThanOrEqual(BigInt(root.endTimeUnixNano));
    expect(BigInt(attempt.startTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(root.startTimeUnixNano));
  });

  it('a failed attempt then a fallback: two client spans in order, the second a failover', async () => {
    const { status, id } = await chat(gateway, { model: 'fallback' });
    expect(status).toBe(200);
    const { root, children } = await traced(gateway, id);
    expect(root.attributes).toMatchObject({ 'switchyard.failed_attempts': 1, 'switchyard.provider': 'ds', 'http.response.status_code': 200 });
    expect(root.status?.code ?? 0).not.toBe(ERROR);
    const ordered = [...children].sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
    expect(ordered.map((s) => s.attributes['switchyard.deployment'])).toEqual(['bad/m', 'ds/deepseek-chat']);
    expect(ordered[0]!.attributes).toMatchObject({
      'switchyard.attempt.outcome': 'error',
      'error.type': 'upstream_error',
      'http.response.status_code': 500,
      'gen_ai.provider.name': 'openai-compatible',
      'switchyard.attempt.failover': false,
    });
    expect(ordered[0]!.status?.code).toBe(ERROR);
    expect(ordered[1]!.attributes).toMatchObject({ 'switchyard.attempt.outcome': 'success', 'switchyard.attempt.failover': true });
  });

  it('a request that fails after a retry: error.type and an error status on its span, a client span per try', async () => {
    const { status, id } = await chat(gateway, { model: 'broken' });
    expect(status).toBe(502);
    const { root, children } = await traced(gateway, id);
    expect(root.attributes).toMatchObject({ 'error.type': 'upstream_error', 'http.response.status_code': 502, 'gen_ai.request.model': 'broken' });
    expect(root.attributes['gen_ai.response.model']).toBeUndefined();
    expect(root.status?.code).toBe(ERROR);
    const tries = [...children].sort((a, b) => Number(a.attributes['switchyard.attempt.retry']) - Number(b.attributes['switchyard.attempt.retry']));
    expect(tries.map((s) => [s.attributes['switchyard.attempt.outcome'], s.attributes['switchyard.attempt.retry']])).toEqual([
      ['error', 0],
      ['error', 1],
    ]);
  });

  it('a hedged request: the hedge that answered, and the slow attempt cancelled', async () => {
    const { status, id } = await chat(gateway, { model: 'hedged' });
    expect(status).toBe(200);
    const { root, children } = await traced(gateway, id);
    expect(root.attributes['switchyard.provider']).toBe('ds');
    const byDeployment = new Map(children.map((s) => [s.attributes['switchyard.deployment'], s.attributes]));
    expect(byDeployment.get('odd/slow')).toMatchObject({ 'switchyard.attempt.outcome': 'cancelled', 'switchyard.attempt.hedge': false });
    expect(byDeployment.get('ds/deepseek-chat')).toMatchObject({ 'switchyard.attempt.outcome': 'success', 'switchyard.attempt.hedge': true });
  });

  it('a stream cut after its first content: error.type on the span, marked partial, status 200', async () => {
    const { status, id, text } = await chat(gateway, { model: 'cut', stream: true });
    expect(status).toBe(200);
    expect(text).not.toContain('[DONE]');
    const { root, children } = await traced(gateway, id);
    expect(root.attributes).toMatchObject({ 'http.response.status_code': 200, 'switchyard.partial': true, 'switchyard.stream': true });
    expect(root.attributes['error.type']).toBe('stream_interrupted');
    expect(root.status?.code).toBe(ERROR);
    expect(children.map((s) => s.attributes['switchyard.attempt.outcome'])).toEqual(['error']);
  });

  it('embeddings get their span too', async () => {
    const res = await fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'emb/text-embed', input: 'hello' }),
    });
    expect(res.status).toBe(200);
    await gateway.app.telemetry.tracing!.flush();
    const root = receiver.spans.find((s) => s.name === 'embeddings emb/text-embed');
    expect(root?.attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 3, 'switchyard.provider': 'emb' });
    expect(root?.attributes['gen_ai.usage.output_tokens']).toBeUndefined();
    expect(receiver.trace(root!.traceId).filter((s) => s.kind === CLIENT)).toHaveLength(1);
  });
});

describe('OTLP traces with capture_content', () => {
  it('carries the prompt and the answer as gen_ai.input.messages and gen_ai.output.messages', async () => {
    const capturing = await startTestGateway(config({ capture_content: true }));
    try {
      const whole = await chat(capturing, { model: 'chat' });
      const streamed = await chat(capturing, { model: 'chat', stream: true });
      for (const id of [whole.id, streamed.id]) {
        const { root } = await traced(capturing, id);
        expect(root.resource['service.name']).toBe('switchyard');
        const input = JSON.parse(String(root.attributes['gen_ai.input.messages']));
        expect(input).toEqual([{ role: 'user', parts: [{ type: 'text', content: PROMPT }] }]);
        const output = JSON.parse(String(root.attributes['gen_ai.output.messages']));
        expect(output).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: ANSWER }], finish_reason: 'stop' }]);
      }
    } finally {
      await capturing.close(1000);
    }
  });

  it('cuts long content and keeps it valid JSON', async () => {
    const capturing = await startTestGateway(config({ capture_content: true }));
    try {
      const long = 'x'.repeat(100_000);
      const { id } = await chat(capturing, { model: 'chat', messages: [{ role: 'system', content: long }, { role: 'user', content: long }] });
      const { root } = await traced(capturing, id);
      const text = String(root.attributes['gen_ai.input.messages']);
      expect(text.length).toBeLessThanOrEqual(16_384 + 20);
      const input = JSON.parse(text) as Array<{ role: string; parts: Array<{ content: string }> }>;
      expect(input.map((m) => m.role)).toEqual(['system', 'user']);
      expect(input[0]!.parts[0]!.content).toMatch(/^x+…\[truncated\]$/);
    } finally {
      await capturing.close(1000);
    }
  });
});

describe('tracing settings', () => {
  it('sample_ratio 0 exports nothing', async () => {
    const sampled = await startTestGateway(config({ sample_ratio: 0, service_name: 'never-sampled' }));
    try {
      const { status } = await chat(sampled, { model: 'chat' });
      expect(status).toBe(200);
      await sampled.app.telemetry.tracing!.flush();
      expect(receiver.spans.filter((s) => s.resource['service.name'] === 'never-sampled')).toEqual([]);
    } finally {
      await sampled.close(1000);
    }
  });

  it('closing the gateway exports the spans still waiting', async () => {
    const closing = await startTestGateway(config({ service_name: 'closing' }));
    const { id } = await chat(closing, { model: 'chat' });
    await closing.close(1000);
    expect(receiver.requestSpan(id).resource['service.name']).toBe('closing');
  });

  it("a virtual key's id and team, never the key", async () => {
    const admin = 'admin-key-for-the-trace-test-0001';
    const keyed = await startTestGateway({ ...config({ service_name: 'keyed' }), auth: { admin_key: admin } });
    try {
      const created = await fetch(`${keyed.url}/admin/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ team: 'search' }),
      });
      const { key, id: keyId } = (await created.json()) as { key: string; id: string };
      const { status, id } = await chat(keyed, { model: 'chat' }, key);
      expect(status).toBe(200);
      const { root } = await traced(keyed, id);
      expect(root.attributes).toMatchObject({ 'switchyard.key_id': keyId, 'switchyard.team': 'search' });
      const exported = receiver.bodies.join('\n');
      expect(exported).not.toContain(key);
      expect(exported).not.toContain(admin);
    } finally {
      await keyed.close(1000);
    }
  });

  it('without telemetry.otlp there is no tracing at all', async () => {
    const plain = await startTestGateway({ providers: { ds: { type: 'deepseek', api_key: UPSTREAM_KEY, base_url: `${good.url}/v1` } } });
    try {
      expect(plain.app.telemetry.tracing).toBeUndefined();
      expect((await chat(plain, { model: 'ds/deepseek-chat' })).status).toBe(200);
    } finally {
      await plain.close(1000);
    }
  });
});
