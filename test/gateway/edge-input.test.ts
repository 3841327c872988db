import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/** Inputs at the edges of what a client may send: each gets a clear answer, none reaches a provider. */
let upstream: FakeUpstream;
let gateway: TestGateway;
const HEADER_SECRET = 'Bearer sk-header-secret-0987654321';

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    providers: {
      local: { type: 'vllm', base_url: `${upstream.url}/v1` },
      azure: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, headers: { authorization: HEADER_SECRET } },
      claude: { type: 'anthropic', api_key: 'sk-ant-edge-secret', base_url: `${upstream.url}/v1` },
    },
    models: { m: { deployments: ['local/m'] }, a: { deployments: ['azure/m'] }, c: { deployments: ['claude/claude-x'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

async function post(body: unknown) {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string; param: string | null } } };
}

const hello = [{ role: 'user', content: 'hi' }];

describe('edge input', () => {
  it('a body nested deeper than any real request → 400, not a crash', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = await post(`{"model":"m","messages":[{"role":"user","content":"x"}],"x":${deep}}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/nested/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('a __proto__ field is refused, not merged into an object', async () => {
    const r = await post(`{"model":"c","messages":[{"role":"user","content":"x"}],"__proto__":{"x":1}}`);
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('__proto__');
  });

  it("tool_choice 'required' without tools → 400; an empty tools list counts as none", async () => {
    const r = await post({ model: 'm', messages: hello, tool_choice: 'required' });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('tool_choice');
    upstream.reply({ json: { id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
    const ok = await post({ model: 'm', messages: hello, tools: [] });
    expect(ok.status).toBe(200);
    expect(upstream.lastRequest.json.tools).toBeUndefined();
  });

  it('a configured secret header echoed back by the provider never reaches the client', async () => {
    upstream.reply({ status: 401, json: { error: { message: `bad credentials: ${HEADER_SECRET}` } } });
    const r = await post({ model: 'a', messages: hello });
    expect(r.status).toBe(502);
    expect(JSON.stringify(r.body)).not.toContain('sk-header-secret-0987654321');
    expect(upstream.lastRequest.headers.authorization).toBe(HEADER_SECRET);
  });

  it('an invalid escape in a model path → 400', async () => {
    const res = await fetch(`${gateway.url}/v1/models/%zz`);
    expect(res.status).toBe(400);
  });

  it('a wrong method on a known path → 405 with Allow', async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
  });

  it('a request the HTTP parser cannot read gets a JSON 400', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1', () => socket.write('NONSENSE / HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1.1 400/);
    expect(answer).toMatch(/"code":"invalid_request"/);
  });

  it('metrics count what was served', async () => {
    upstream.reply({ json: { id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2 } } });
    await post({ model: 'm', messages: hello });
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/switchyard_requests_total\{route="\/v1\/chat\/completions",model="m",provider="local",status="200"\} \d+/);
    expect(text).toMatch(/switchyard_tokens_total\{model="m",provider="local",kind="input"\} \d+/);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
  });
});
