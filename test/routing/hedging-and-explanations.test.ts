import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { runCli } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-hedge-'));
const dbPath = join(dir, 'ledger.db');
let slow: FakeUpstream;
let fast: FakeUpstream;
let gateway: TestGateway;

const answer = (who: string) => ({
  json: {
    id: who,
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: `from ${who}` }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  },
});

beforeAll(async () => {
  slow = await FakeUpstream.start();
  fast = await FakeUpstream.start();
  slow.reply({ ...answer('slow'), delayMs: 1_500 });
  fast.reply(answer('fast'));
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: {
      slow: { type: 'vllm', base_url: `${slow.url}/v1`, prices: { m: { input: 1, output: 1 } } },
      fast: { type: 'vllm', base_url: `${fast.url}/v1`, prices: { m: { input: 1, output: 1 } } },
      claude: { type: 'anthropic', api_key: 'k-0000000', base_url: `${fast.url}/v1` },
    },
    models: { pair: { deployments: ['slow/m', 'fast/m'] } },
    routes: { hedged: { strategy: 'fallback', targets: ['slow/m', 'fast/m'], hedge_after_ms: 100 } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await slow.close();
  await fast.close();
});

const rows = (): Array<Record<string, unknown>> => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests ORDER BY ts').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};

describe('hedging', () => {
  it('starts the next deployment when the first is slow, keeps the faster, records the cancelled one', async () => {
    const started = Date.now();
    const res = await gateway.client.chat.completions.create({ model: 'hedged', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.data.choices[0]?.message.content).toBe('from fast');
    expect(res.response.headers.get('x-switchyard-route')).toMatch(/served=fast\/m; hedged=slow\/m:cancelled/);
    expect(slow.requests).toHaveLength(1);
    const hedge = rows().find((r) => r.id === `${res.data.id}-hedge1`);
    expect(hedge).toMatchObject({ provider: 'slow', status: 499, error_code: 'hedge_cancelled', cost_estimated: 1 });
    expect(hedge?.cost_usd as number).toBeGreaterThan(0);
  });
});

describe('explanations', () => {
  it('the route header and the ledger name every failover and exclusion', async () => {
    slow.reply({ status: 503, json: { error: { message: 'down' } } });
    const res = await gateway.client.chat.completions.create({ model: 'pair', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const route = res.response.headers.get('x-switchyard-route') ?? '';
    expect(route).toBe('model=pair; served=fast/m; tried=slow/m:upstream_unavailable');
    const row = rows().find((r) => r.id === res.data.id)!;
    expect(row.route).toBe(route);
    expect(JSON.parse(String(row.attempts))).toEqual([{ provider: 'slow', model: 'm', code: 'upstream_unavailable', message: expect.stringMatching(/down/) }]);
  });

  it('an exclusion appears in the header of the error too', async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'pair', messages: [{ role: 'user', content: 'hi' }], provider: { only: ['nowhere'] } }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-switchyard-route')).toBe('model=pair; excluded=slow/m:pref:only,fast/m:pref:only');
  });
});

describe('switchyard route explain', () => {
  it('prints the plan without sending anything', async () => {
    const file = join(dir, 'explain.yaml');
    writeFileSync(
      file,
      `providers:\n  ds: { type: deepseek, api_key: k-000000, base_url: "${slow.url}/v1" }\n  tg: { type: together, api_key: k-000000, base_url: "${slow.url}/v1" }\nmodels:\n  v3: { deployments: [ds/deepseek-chat, tg/deepseek-ai/DeepSeek-V3.1] }\n`,
    );
    writeFileSync(join(dir, 'req.json'), JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], provider: { ignore: ['ds'] } }));
    slow.reply(answer('slow'));
    const before = slow.requests.length;
    const r = await runCli(['route', 'explain', '--config', file, '--model', 'v3', '--request', join(dir, 'req.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1\. tg\/deepseek-ai\/DeepSeek-V3\.1 .*model origin CN; hosted US/);
    expect(r.stdout).toMatch(/excluded ds\/deepseek-chat: pref:ignore/);
    expect(slow.requests.length).toBe(before);
  });
});
