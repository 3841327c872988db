import { describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway } from '../support/test-gateway.js';

const frame = (i: number, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `${i} ` }, finish_reason: finish }] })}\n\n`;

describe('graceful shutdown', () => {
  it('a stream still running when the grace period ends is closed with an error event, not [DONE]', async () => {
    const upstream = await FakeUpstream.start();
    const gateway = await startTestGateway({
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/m'] } },
    });
    try {
      upstream.reply({ sse: Array.from({ length: 50 }, (_, i) => frame(i, i === 49 ? 'stop' : null)), frameDelayMs: 100 });
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'count' }] }),
      });
      const body = res.text();
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      await gateway.close(300);
      expect(Date.now() - started).toBeLessThan(3000);
      const text = await body;
      expect(text).toContain('"content":"0 "');
      expect(text).not.toContain('[DONE]');
      expect(text).toMatch(/"code":"shutting_down"/);
    } finally {
      await gateway.close(0);
      await upstream.close();
    }
  });
});
