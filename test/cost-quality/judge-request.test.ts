import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { judgeRequest } from '../../src/routing/cost-quality/judge-prompt.js';

/**
 * The judge is sent the client's conversation, so the data guarantees the client asked for travel with it:
 * a `zdr` or `data_collection: deny` request is judged only where those hold (the planner then applies
 * them as for any request); preferences about the asked model's providers do not.
 */
describe('judgeRequest', () => {
  const ask = (provider?: object) =>
    parseChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'secret plans' }], ...(provider && { provider }) });

  it('carries zdr and data_collection, and only those', () => {
    const j = judgeRequest('judge', ask({ zdr: true, data_collection: 'deny', only: ['fw'], sort: 'price' }), 'a', 'b');
    expect(j.routing).toEqual({ provider: { zdr: true, dataCollection: 'deny' } });
    expect(JSON.stringify(j.messages)).toContain('secret plans');
  });

  it('adds no routing when the client set no guarantee', () => {
    expect(judgeRequest('judge', ask(), 'a', 'b').routing).toBeUndefined();
    expect(judgeRequest('judge', ask({ only: ['fw'] }), 'a', 'b').routing).toBeUndefined();
  });
});
