import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { call, chatRequest, collect, sse, startHarness, type Harness } from './anthropic-test-kit.js';

const DIRS = ['vercel-ai/packages/anthropic/src/__fixtures__', 'vercel-ai/_history/packages/anthropic/src/__fixtures__'];

/** Every recorded Anthropic response and stream, by path under the shared fixtures. */
function recordings(): { json: string[]; chunks: string[] } {
  const out = { json: [] as string[], chunks: [] as string[] };
  if (!sharedFixturesDir) return out;
  for (const dir of DIRS) {
    for (const name of readdirSync(join(sharedFixturesDir, dir)).sort()) {
      if (name.endsWith('.chunks.txt')) out.chunks.push(`${dir}/${name}`);
      else if (name.endsWith('.json')) out.json.push(`${dir}/${name}`);
    }
  }
  return out;
}

describe.skipIf(!sharedFixturesDir)('anthropic recorded traffic (shared fixtures)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const { json, chunks } = recordings();

  it('finds the recordings', () => {
    expect(chunks.length).toBeGreaterThan(40);
    expect(json.length).toBeGreaterThan(40);
  });

  // server tools, citations, compaction, fallback, advisor, MCP...: none may break the adapter
  it.each(chunks)('streams %s to exactly one finish, with valid tool-call arguments', async (path) => {
    h.upstream.reply({ sse: sse(readSharedFixture(path)) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(got.parts[0]?.type).toBe('meta');
    expect(got.finish).toHaveLength(1);
    expect(got.parts.findIndex((p) => p.type === 'finish')).toBeGreaterThanOrEqual(got.parts.length - 2);
    for (const tool of got.toolCalls) expect(() => JSON.parse(tool.arguments) as unknown).not.toThrow();
    expect(got.usage?.inputTokens).toBeGreaterThan(0);
    expect(got.usage?.outputTokens).toBeGreaterThan(0);
  });

  it.each(json)('reads %s when it is a message', async (path) => {
    const body = JSON.parse(readSharedFixture(path)) as { type?: string };
    if (body.type !== 'message') return; // error bodies and capture wrappers are used elsewhere
    h.upstream.reply({ json: body });
    const result = await h.adapter.chat(call(chatRequest()));
    for (const tool of result.toolCalls) expect(() => JSON.parse(tool.arguments) as unknown).not.toThrow();
    expect(result.usage?.inputTokens).toBeGreaterThan(0);
  });

  const FIXTURES = DIRS[0];

  it('takes the corrected input count of a message_delta over the one from message_start', async () => {
    h.upstream.reply({ sse: sse(readSharedFixture(`${FIXTURES}/anthropic-message-delta-input-tokens.chunks.txt`)) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    const usages = got.parts.flatMap((p) => (p.type === 'usage' ? [p.usage] : []));
    expect(usages.map((u) => [u.inputTokens, u.outputTokens, u.cachedInputTokens])).toEqual([
      [43, undefined, undefined],
      [61, 2, undefined],
    ]);
    expect(got.parts[0]).toEqual({ type: 'meta', id: 'msg_3196a1cc08de4d76b85b8f5777c0d42b', model: 'claude-opus-4-5-20251101' });
  });

  it('streams a recorded refusal as content_filter with its explanation', async () => {
    h.upstream.reply({ sse: sse(readSharedFixture(`${FIXTURES}/anthropic-refusal.chunks.txt`)) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(got.text).toBe('');
    expect(got.refusal).toContain("blocked under Anthropic's Usage Policy");
    expect(got.finish).toEqual([{ type: 'finish', reason: 'content_filter', raw: 'refusal' }]);
    const noDetails = await (async () => {
      h.upstream.reply({ json: JSON.parse(readSharedFixture(`${FIXTURES}/anthropic-refusal-no-details.json`)) });
      return h.adapter.chat(call(chatRequest()));
    })();
    expect(noDetails).toMatchObject({ text: null, finishReason: 'content_filter', rawFinishReason: 'refusal' });
    expect(noDetails.refusal).toBeUndefined();
  });

  it('passes over web search blocks and citations, keeping the text', async () => {
    h.upstream.reply({ json: JSON.parse(readSharedFixture(`${FIXTURES}/anthropic-web-search-tool.1.json`)) });
    const result = await h.adapter.chat(call(chatRequest()));
    expect(result.toolCalls).toEqual([]);
    expect(result.finishReason).toBe('stop');
    expect(result.text).toContain('Major Tech News for September 26, 2024');
    h.upstream.reply({ sse: sse(readSharedFixture(`${FIXTURES}/anthropic-web-search-tool.1.chunks.txt`)) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(got.toolCalls).toEqual([]);
    expect(got.text).toContain('Apple today announced the grand reopening of Apple Ginza');
  });

  it('replays a full SSE capture (event lines included) with a tool call', async () => {
    const text = readSharedFixture('vercel-ai/_history/examples/ai-functions/src/reproduction/fixtures/issue-18333/fallback-anthropic.sse');
    h.upstream.reply({ sse: [text] });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(got.text).toBe('Reading it.');
    expect(got.toolCalls).toEqual([{ id: 'toolu_sanitized', name: 'read_file', arguments: '{"path": "a.txt"}' }]);
    expect(got.finish).toEqual([{ type: 'finish', reason: 'tool_calls', raw: 'tool_use' }]);
  });
});
