import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { redisSkipReason, TEST_REDIS_URL } from '../support/test-services.js';

/** The cache outlives a restart on SQLite, and gateways sharing Redis share it. */
const noRedis = await redisSkipReason();
if (noRedis) console.log(`skipping the shared-cache test over Redis: ${noRedis}`);

let upstream: FakeUpstream;
let calls = 0;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(() => {
    calls++;
    return {
      json: { id: 'u', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'kept' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } },
    };
  });
});

afterAll(async () => {
  await upstream.close();
});

const config = (extra: Record<string, unknown>) => ({
  providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
  models: { m: { deployments: ['local/a'] } },
  ...extra,
});

async function ask(gw: TestGateway, content: string): Promise<string | null> {
  const { response } = await gw.client.chat.completions.create({ model: 'm', temperature: 0, messages: [{ role: 'user', content }] }).withResponse();
  return response.headers.get('x-switchyard-cache');
}

describe('response cache across processes', () => {
  it('survives a restart on SQLite (its own file beside the ledger)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-cache-restart-'));
    const c = config({ storage: `sqlite:${join(dir, 'switchyard.db')}`, cache: { enabled: true } });
    calls = 0;
    const first = await startTestGateway(c);
    expect(await ask(first, 'restart')).toBe('miss');
    await new Promise((r) => setTimeout(r, 50));
    await first.close(1000);
    const second = await startTestGateway(c);
    try {
      expect(await ask(second, 'restart')).toBe('hit');
      expect(calls).toBe(1);
    } finally {
      await second.close(1000);
    }
  });

  it.skipIf(noRedis)('is shared by gateways on the same Redis', async () => {
    const prefix = `sy-test-share-${process.pid}-${Date.now()}:`;
    const c = config({ redis: TEST_REDIS_URL, redis_prefix: prefix, cache: { enabled: true, scope: 'global' } });
    calls = 0;
    const a = await startTestGateway(c);
    const b = await startTestGateway(c);
    try {
      expect(await ask(a, 'shared')).toBe('miss');
      await new Promise((r) => setTimeout(r, 50));
      expect(await ask(b, 'shared')).toBe('hit');
      expect(calls).toBe(1);
    } finally {
      await a.close(1000);
      await b.close(1000);
      const r = new Redis(TEST_REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length > 0) await r.del(...keys);
      r.disconnect();
    }
  });
});
