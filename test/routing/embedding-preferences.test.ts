import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, type RecordedRequest } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * /v1/embeddings takes OpenRouter's `provider` and `models` as chat completions does, under the same rules:
 * a field `provider` does not take is a 400 naming it, the preferences order and filter the deployments,
 * an unknown model falls back to `models`, an unknown entry there is a 400, and `x-switchyard-route` and
 * the ledger say what happened. Before, the door ignored all of them in silence.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-embedding-prefs-'));
const dbPath = join(dir, 'ledger.db');
let upstream: FakeUpstream;
let gateway: TestGateway;

const vectors = (req: RecordedRequest) => ({
  json: { object: 'list', model: req.json.model, data: [{ object: 'embedding', index: 0, embedding: [0.25, -0.5] }], usage: { prompt_tokens: 2, total_tokens: 2 } },
});

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const prices = { e1: { input: 0.1, output: 0 }, e2: { input: 0.2, output: 0 } };
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: {
      a: { type: 'vllm', base_url: `${upstream.url}/v1`, prices },
      b: { type: 'vllm', base_url: `${upstream.url}/v1`, prices },
    },
    models: { emb: { deployments: ['a/e1', 'b/e1'] }, 'emb-2': { deployments: ['b/e2'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

async function embed(body: Record<string, unknown>) {
  const res = await fetch(`${gateway.url}/v1/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'emb', input: 'hello', ...body }),
  });
  return { status: res.status, route: res.headers.get('x-switchyard-route'), provider: res.headers.get('x-switchyard-provider'), body: (await res.json()) as any };
}

function ledgerRoute(): unknown {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT route FROM requests ORDER BY ts DESC, rowid DESC LIMIT 1').get() as { route: unknown }).route;
  } finally {
    db.close();
  }
}

describe('provider on /v1/embeddings', () => {
  it('refuses an unknown field with a 400 naming it, sending nothing', async () => {
    upstream.reply(vectors);
    const r = await embed({ provider: { orderr: ['b'] } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ type: 'invalid_request_error', param: 'provider.orderr' });
    expect(r.body.error.message).toMatch(/did you mean 'order'/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('orders and filters the deployments, and the route says so', async () => {
    upstream.reply(vectors);
    const plain = await embed({});
    expect(plain).toMatchObject({ status: 200, provider: 'a', route: 'model=emb; served=a/e1' });
    const ordered = await embed({ provider: { order: ['b'] } });
    expect(ordered).toMatchObject({ status: 200, provider: 'b', route: 'model=emb; served=b/e1' });
    const ignored = await embed({ provider: { ignore: ['a'] } });
    expect(ignored).toMatchObject({ status: 200, provider: 'b', route: 'model=emb; served=b/e1; excluded=a/e1:pref:ignore' });
    expect(ledgerRoute()).toBe(ignored.route);
    const capped = await embed({ provider: { max_price: { prompt: 0.05 } } });
    expect(capped.status).toBe(400);
    expect(capped.route).toBe('model=emb; excluded=a/e1:price_cap,b/e1:price_cap');
  });

  it('refuses router, which only a chat request to a cost-quality route takes', async () => {
    const r = await embed({ router: { threshold: 0.5 } });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('router');
  });
});

describe('models on /v1/embeddings', () => {
  it('an unknown model falls back to the list, said in the route and the ledger', async () => {
    upstream.reply(vectors);
    const r = await embed({ model: 'nonexistent', models: ['emb-2'] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.model).toBe('e2');
    expect(r.route).toBe('model=nonexistent; fallback=emb-2 (unknown_model); served=b/e2');
    expect(ledgerRoute()).toBe(r.route);
  });

  it('a failing model goes on to the list', async () => {
    upstream.reply((req) => (req.json.model === 'e1' ? { status: 503, json: { error: { message: 'down' } } } : vectors(req)));
    const r = await embed({ models: ['emb-2'] });
    expect(r.status).toBe(200);
    expect(r.route).toBe('model=emb; served=b/e2; tried=a/e1:upstream_unavailable,b/e1:upstream_unavailable');
  });

  it('an unknown entry is a 400 naming it; an unknown model with nothing to fall back to stays a 404', async () => {
    upstream.reply(vectors);
    const bad = await embed({ models: ['emb-2', 'nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('models[1]');
    const unknown = await embed({ model: 'nonexistent' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('model_not_found');
    expect(upstream.requests).toHaveLength(0);
  });
});
