import type { PrometheusFamily, PrometheusSample } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { readMetrics } from './read-metrics.js';

/**
 * GET /metrics after real requests through a gateway, parsed as Prometheus text: the GenAI
 * semantic-convention histograms with their labels and counts, the cost counter, the ledger backlog, the
 * existing metrics unchanged, and labels that stay few whatever model names clients make up.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const chat = openAIReply('ok', { prompt_tokens: 10, completion_tokens: 4 });
  upstream.reply((req) => {
    // models the upstream does not have: an unknown model's 404
    if (String(req.json?.model).startsWith('made-up-')) return { status: 404, json: { error: { message: 'The model does not exist' } } };
    if (req.url.endsWith('/embeddings')) {
      return { json: { object: 'list', model: 'e', data: [{ object: 'embedding', index: 0, embedding: [0.5] }], usage: { prompt_tokens: 6, total_tokens: 6 } } };
    }
    return chat(req);
  });
  gateway = await startTestGateway({
    health: { failure_threshold: 100000, window_size: 1000, min_requests: 1000 },
    providers: {
      ds: { type: 'deepseek', api_key: 'sk-metrics-test-upstream-0000', base_url: `${upstream.url}/v1`, retries: 0 },
      local: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, retries: 0 },
    },
    models: { 'deepseek-v3': { deployments: ['ds/deepseek-chat'] } },
  });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

async function post(path: string, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

const hello = [{ role: 'user', content: 'hello' }];

async function scrape(): Promise<PrometheusFamily[]> {
  const res = await fetch(`${gateway.url}/metrics`);
  expect(res.status).toBe(200);
  return readMetrics(await res.text());
}

function family(families: PrometheusFamily[], name: string): PrometheusFamily {
  const f = families.find((x) => x.name === name);
  if (!f) throw new Error(`no metric ${name} in /metrics`);
  return f;
}

/** The one sample whose labels include all of `labels`. */
function sample(f: PrometheusFamily, labels: Record<string, string>): PrometheusSample {
  const found = f.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${f.name} match ${JSON.stringify(labels)}: ${JSON.stringify(f.metrics.map((m) => m.labels))}`);
  return found[0]!;
}

function labelValues(families: PrometheusFamily[], label: string): Set<string> {
  const values = new Set<string>();
  for (const f of families) for (const m of f.metrics) if (m.labels?.[label] !== undefined) values.add(m.labels[label]!);
  return values;
}

const chatLabels = {
  gen_ai_operation_name: 'chat',
  gen_ai_provider_name: 'deepseek',
  gen_ai_request_model: 'deepseek-v3',
  gen_ai_response_model: 'deepseek-chat',
  provider: 'ds',
};

describe('GenAI metrics on /metrics', () => {
  it('token usage, duration and time to first token, for whole answers and streams', async () => {
    expect(await post('/v1/chat/completions', { model: 'deepseek-v3', messages: hello })).toBe(200);
    expect(await post('/v1/chat/completions', { model: 'deepseek-v3', messages: hello })).toBe(200);
    expect(await post('/v1/chat/completions', { model: 'deepseek-v3', messages: hello, stream: true, stream_options: { include_usage: true } })).toBe(200);
    const families = await scrape();

    const tokens = family(families, 'gen_ai_client_token_usage');
    expect(tokens.type).toBe('HISTOGRAM');
    const input = sample(tokens, { ...chatLabels, gen_ai_token_type: 'input' });
    expect(input.labels).toEqual({ ...chatLabels, gen_ai_token_type: 'input', origin: 'CN' });
    expect(Number(input.count)).toBe(3);
    expect(Number(input.sum)).toBe(30);
    // the conventions' buckets: 10 tokens fall in (4, 16]
    expect(Number(input.buckets!['4'])).toBe(0);
    expect(Number(input.buckets!['16'])).toBe(3);
    // cumulative buckets ending in +Inf, which is the count
    const counts = Object.entries(input.buckets!).sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => Number(v));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(input.buckets!['+Inf']).toBe(input.count);
    expect(Object.keys(input.buckets!)).toHaveLength(15);
    const output = sample(tokens, { ...chatLabels, gen_ai_token_type: 'output' });
    expect([Number(output.count), Number(output.sum)]).toEqual([3, 12]);

    const duration = family(families, 'gen_ai_client_operation_duration_seconds');
    expect(duration.type).toBe('HISTOGRAM');
    const ok = sample(duration, { ...chatLabels, error_type: '' });
    expect(Number(ok.count)).toBe(3);
    expect(Number(ok.sum)).toBeGreaterThan(0);
    expect(Object.keys(ok.buckets!)).toContain('81.92');

    const ttft = family(families, 'gen_ai_server_time_to_first_token_seconds');
    expect(Number(sample(ttft, chatLabels).count)).toBe(3);

    const cost = family(families, 'switchyard_cost_usd_total');
    expect(cost.type).toBe('COUNTER');
    expect(Number(sample(cost, { provider: 'ds', model: 'deepseek-v3', origin: 'CN' }).value)).toBeGreaterThan(0);
  });

  it('embeddings count input tokens under their own operation name, and no time to first token', async () => {
    expect(await post('/v1/embeddings', { model: 'local/embed-small', input: 'hello' })).toBe(200);
    const families = await scrape();
    const labels = { gen_ai_operation_name: 'embeddings', gen_ai_request_model: 'local/embed-small', gen_ai_provider_name: 'openai-compatible', provider: 'local' };
    const tokens = family(families, 'gen_ai_client_token_usage');
    expect(Number(sample(tokens, { ...labels, gen_ai_token_type: 'input' }).sum)).toBe(6);
    expect(tokens.metrics.filter((m) => m.labels?.gen_ai_operation_name === 'embeddings' && m.labels.gen_ai_token_type === 'output')).toEqual([]);
    expect(Number(sample(family(families, 'gen_ai_client_operation_duration_seconds'), { ...labels, error_type: '' }).count)).toBe(1);
    expect(family(families, 'gen_ai_server_time_to_first_token_seconds').metrics.filter((m) => m.labels?.gen_ai_operation_name === 'embeddings')).toEqual([]);
  });

  it('made-up model names never become label values: they share `other`', async () => {
    // unknown names (404 at the gateway), and direct names a real provider refuses (404 upstream)
    const statuses = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        post('/v1/chat/completions', { model: i % 2 ? `nope-${i}` : `local/made-up-${i}`, messages: hello }),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([404]));
    const families = await scrape();
    const genai = families.filter((f) => f.name.startsWith('gen_ai_'));
    for (const label of ['gen_ai_request_model', 'gen_ai_response_model']) {
      const values = [...labelValues(genai, label)];
      expect(values.filter((v) => v.includes('nope-') || v.includes('made-up-'))).toEqual([]);
    }
    expect(labelValues(genai, 'gen_ai_request_model')).toEqual(new Set(['deepseek-v3', 'local/embed-small', 'other']));
    // each failure counted once under `other`, with its error type; the unknown names tried no provider
    const duration = family(families, 'gen_ai_client_operation_duration_seconds');
    expect(Number(sample(duration, { gen_ai_request_model: 'other', error_type: 'model_not_found', provider: '' }).count)).toBe(75);
    const upstreamRefused = duration.metrics.filter((m) => m.labels?.gen_ai_request_model === 'other' && m.labels.provider === 'local');
    expect(upstreamRefused.reduce((n, m) => n + Number(m.count), 0)).toBe(75);
    // the existing metrics keep their shape
    expect(sample(family(families, 'switchyard_requests_total'), { route: '/v1/chat/completions', model: 'deepseek-v3', provider: 'ds', status: '200' }).value).toBe('3');
    expect(family(families, 'switchyard_tokens_total').type).toBe('COUNTER');
    expect(family(families, 'switchyard_request_duration_seconds').type).toBe('HISTOGRAM');
    expect(family(families, 'switchyard_deployment_state').type).toBe('GAUGE');
  });

  it('names a provider served directly take at most 100 label values in all, the rest `other`', async () => {
    for (let i = 0; i < 120; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => post('/v1/chat/completions', { model: `local/real-${i + j}`, messages: hello })));
    }
    const families = await scrape();
    const tokens = family(families, 'gen_ai_client_token_usage');
    // one cap for request and response names together: `local/real-7` asked, `real-7` answered, and
    // `local/embed-small` with `embed-small` served before
    const unconfigured = new Set([...labelValues([tokens], 'gen_ai_request_model'), ...labelValues([tokens], 'gen_ai_response_model')]);
    for (const configured of ['deepseek-v3', 'deepseek-chat', 'other', '']) unconfigured.delete(configured);
    expect(unconfigured.size).toBe(100);
    const served = tokens.metrics.filter((m) => m.labels?.gen_ai_token_type === 'input' && m.labels.provider === 'local' && m.labels.gen_ai_operation_name === 'chat');
    expect(served.reduce((n, m) => n + Number(m.count), 0)).toBe(120);
    // 49 names took the 98 places left (each name twice); the other 71 requests count as `other`
    expect(Number(sample(tokens, { gen_ai_request_model: 'other', gen_ai_response_model: 'other', gen_ai_token_type: 'input' }).count)).toBe(71);
  });

  it('the ledger backlog: nothing waiting once requests have completed', async () => {
    const families = await scrape();
    expect(family(families, 'switchyard_ledger_pending_rows').metrics[0]!.value).toBe('0');
    expect(family(families, 'switchyard_ledger_pending_age_seconds').metrics[0]!.value).toBe('0');
    // SQLite has no spool: its gauges are not there
    expect(families.find((f) => f.name === 'switchyard_ledger_spool_rows')).toBeUndefined();
  });
});
