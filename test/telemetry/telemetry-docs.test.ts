import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchLedgerBacklog } from '../../src/telemetry/ledger-backlog-metrics.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { repoRoot } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { readMetrics } from './read-metrics.js';

/**
 * docs/telemetry.md and the Grafana dashboard against what a gateway really exports: the page names every
 * Switchyard and GenAI metric, and the dashboard queries only metrics that exist, through its data source
 * variable.
 */
const doc = readFileSync(join(repoRoot, 'docs', 'telemetry.md'), 'utf8');
const dashboard = JSON.parse(readFileSync(join(repoRoot, 'docs', 'grafana', 'switchyard-dashboard.json'), 'utf8')) as {
  templating: { list: Array<{ name: string; type: string; query: unknown }> };
  panels: Array<{ type: string; title: string; datasource?: { uid: string }; targets?: Array<{ expr: string; datasource?: { uid: string } }> }>;
};
let upstream: FakeUpstream;
let gateway: TestGateway;
const exported = new Set<string>();
const labelNames = new Set<string>();

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply());
  gateway = await startTestGateway({
    providers: { ds: { type: 'deepseek', api_key: 'sk-docs-test-upstream-00000', base_url: `${upstream.url}/v1` } },
    models: { m: { deployments: ['ds/deepseek-chat'] } },
  });
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(res.status).toBe(200);
  for (const f of readMetrics(await (await fetch(`${gateway.url}/metrics`)).text())) {
    exported.add(f.name);
    for (const m of f.metrics) for (const label of Object.keys(m.labels ?? {})) labelNames.add(label);
  }
  // the spool's gauges exist with PostgreSQL storage only
  const spool = new Registry();
  watchLedgerBacklog(spool, () => ({ pendingRows: 0, spooledRows: 0, spooledSegments: 0 }));
  for (const f of readMetrics(await spool.metrics())) exported.add(f.name);
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

describe('docs/telemetry.md and the Grafana dashboard', () => {
  it('the page names every Switchyard and GenAI metric', () => {
    const ours = [...exported].filter((n) => n.startsWith('switchyard_') || n.startsWith('gen_ai_'));
    expect(ours.length).toBeGreaterThanOrEqual(13);
    expect(ours.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });

  it('the dashboard queries only exported metrics, through its Prometheus data source variable', () => {
    const variable = dashboard.templating.list.find((v) => v.type === 'datasource');
    expect(variable).toMatchObject({ name: 'datasource', query: 'prometheus' });
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(10);
    const unknown: string[] = [];
    for (const p of panels) {
      expect(p.datasource?.uid, p.title).toBe('${datasource}');
      for (const t of p.targets ?? []) {
        expect(t.datasource?.uid, p.title).toBe('${datasource}');
        for (const [name] of t.expr.matchAll(/\b(?:switchyard|gen_ai)_[a-z_]+/g)) {
          if (labelNames.has(name)) continue;
          const family = name.replace(/_(bucket|sum|count)$/, '');
          if (!exported.has(family) && !exported.has(name)) unknown.push(`${p.title}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('covers what the dashboard promises', () => {
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)).join('\n');
    for (const metric of [
      'switchyard_requests_total',
      'gen_ai_client_operation_duration_seconds_bucket',
      'gen_ai_server_time_to_first_token_seconds_bucket',
      'gen_ai_client_token_usage_sum',
      'switchyard_cost_usd_total',
      'switchyard_deployment_state',
      'switchyard_ledger_spool_rows',
      'switchyard_ledger_spool_age_seconds',
    ]) {
      expect(exprs).toContain(metric);
    }
  });
});
