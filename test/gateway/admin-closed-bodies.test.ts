import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

const ADMIN = 'sy-admin-key-for-tests-0123456789';

/**
 * Admin bodies are closed: a field an endpoint does not take is a 400 that names it (and the field meant,
 * where it is the CLI's flag name), never dropped: a dropped `budget` was a key with no budget.
 */
describe('admin API bodies', () => {
  let gateway: TestGateway;
  const post = (path: string, body: unknown) =>
    fetch(`${gateway.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const error = async (res: Response) => ((await res.json()) as { error: { message: string; type: string; code: string; param: string } }).error;

  beforeAll(async () => {
    gateway = await startTestGateway({
      auth: { admin_key: ADMIN },
      // a key's models must be ones the gateway serves
      providers: { local: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' } },
      models: { m: { deployments: ['local/m'] } },
    });
  });
  afterAll(async () => {
    await gateway?.close(0);
  });

  it('POST /admin/keys with the CLI flag name `budget` is a 400 pointing at budget_usd, and creates no key', async () => {
    const res = await post('/admin/keys', { team: 'search', budget: 5 });
    expect(res.status).toBe(400);
    const e = await error(res);
    expect(e).toMatchObject({ type: 'invalid_request_error', param: 'budget' });
    expect(e.message).toContain("'budget' (did you mean 'budget_usd'?)");
    const listed = (await (await fetch(`${gateway.url}/admin/keys`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { data: unknown[] };
    expect(listed.data).toEqual([]);
  });

  it('names every unknown field, with the field meant', async () => {
    const e = await error(await post('/admin/keys', { team: 't', period: 'day', storeBodies: true, colour: 'red' }));
    expect(e.message).toContain("'period' (did you mean 'budget_period'?)");
    expect(e.message).toContain("'storeBodies' (did you mean 'store_bodies'?)");
    expect(e.message).toContain("'colour'");
    expect(e.message).toContain('team, name, budget_usd, budget_period, rpm, tpm, models, store_bodies, expires');
    const typo = await error(await post('/admin/keys', { team: 't', budget_uds: 5 }));
    expect(typo.message).toContain("did you mean 'budget_usd'?");
  });

  it('refuses a budget period without a budget', async () => {
    const res = await post('/admin/keys', { team: 't', budget_period: 'day' });
    expect(res.status).toBe(400);
    expect((await error(res)).param).toBe('budget_period');
  });

  it('takes the documented fields', async () => {
    const fields = { team: 't', name: 'ci', budget_usd: 5, budget_period: 'day', rpm: 10, tpm: 1000, models: ['m'], store_bodies: false, expires: '2099-12-31' };
    const res = await post('/admin/keys', fields);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      team: 't',
      name: 'ci',
      budgetUsd: 5,
      budgetPeriod: 'day',
      rpm: 10,
      tpm: 1000,
      models: ['m'],
      storeBodies: false,
      expiresAt: Date.parse('2099-12-31T00:00:00Z'),
    });
  });

  it('POST /admin/kills names an unknown field', async () => {
    const res = await post('/admin/kills', { target: 'origin:CN', reasons: 'typo' });
    expect(res.status).toBe(400);
    const e = await error(res);
    expect(e.param).toBe('reasons');
    expect(e.message).toContain("did you mean 'reason'?");
    const listed = (await (await fetch(`${gateway.url}/admin/kills`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { data: unknown[] };
    expect(listed.data).toEqual([]);
  });

  it('query strings are closed too: a parameter an endpoint does not read is a 400 naming it', async () => {
    const get = (path: string, method = 'GET') => fetch(`${gateway.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}` } });
    const report = await get('/admin/reports/spend?since=7d&group=team');
    expect(report.status).toBe(400);
    expect((await error(report)).message).toContain("'group'");
    const release = await get('/admin/kills/provider:deepseek?reasn=cleared', 'DELETE');
    expect(release.status).toBe(400);
    expect((await error(release)).message).toContain("'reasn' (did you mean 'reason'?)");
    expect((await get('/admin/audit?limt=5')).status).toBe(400);
    expect((await get('/admin/audit?limit=5')).status).toBe(200);
    expect((await get('/admin/reports/spend?since=7d&by=team')).status).toBe(200);
  });
});
