import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverConfig } from '../../src/config/discover-config.js';
import { PROVIDER_TYPES } from '../../src/providers/registry.js';
import { silentLogging } from '../../src/server/create-logging.js';
import { startGateway } from '../../src/server/start-gateway.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { repoRoot } from '../support/run-cli.js';

/**
 * Zero-config start: a provider for each vendor key in the environment, sent where the vendor's own SDK
 * variable says (OPENAI_BASE_URL, ANTHROPIC_BASE_URL), unless that variable points back at the gateway.
 */
const noOllama = async () => undefined;
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(async () => {
  await upstream.close();
});

describe('zero-config discovery', () => {
  it('sends OpenAI requests to OPENAI_BASE_URL, and says so without printing the key', async () => {
    const { config, found } = await discoverConfig({ OPENAI_API_KEY: 'sk-zero-openai-0000', OPENAI_BASE_URL: `${upstream.url}/v1` }, noOllama);
    expect(config.providers.find((p) => p.id === 'openai')?.baseUrl).toBe(`${upstream.url}/v1`);
    expect(found).toEqual(['openai (OpenAI, key from OPENAI_API_KEY, base URL from OPENAI_BASE_URL)']);

    upstream.reply(openAIReply('from the base URL'));
    const gateway = await startGateway(
      { ...config, listen: { host: '127.0.0.1', port: 0 }, storage: { kind: 'sqlite', path: ':memory:' } },
      { logging: silentLogging() },
    );
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
      const r = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      expect(r.choices[0]!.message.content).toBe('from the base URL');
      expect(upstream.lastRequest.url).toBe('/v1/chat/completions');
      expect(upstream.lastRequest.headers.authorization).toBe('Bearer sk-zero-openai-0000');
    } finally {
      await gateway.close(0);
    }
  });

  it("takes ANTHROPIC_BASE_URL as the Anthropic SDK does (the host; /v1 added)", async () => {
    const { config, found } = await discoverConfig({ ANTHROPIC_API_KEY: 'sk-ant-zero', ANTHROPIC_BASE_URL: `${upstream.url}/` }, noOllama);
    expect(config.providers.find((p) => p.id === 'anthropic')?.baseUrl).toBe(`${upstream.url}/v1`);
    expect(found[0]).toMatch(/base URL from ANTHROPIC_BASE_URL/);
  });

  it('ignores a base-URL variable that points at the gateway itself (set for clients in the same shell)', async () => {
    for (const [env, listen] of [
      [{ ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' }, undefined],
      [{ ANTHROPIC_BASE_URL: 'http://localhost:4100', SWITCHYARD_LISTEN: '127.0.0.1:4100' }, '4100'],
      [{ OPENAI_BASE_URL: 'http://127.0.0.1:4000/v1' }, undefined],
    ] as const) {
      const vendor = 'ANTHROPIC_BASE_URL' in env ? 'anthropic' : 'openai';
      const key = vendor === 'anthropic' ? { ANTHROPIC_API_KEY: 'k-123456' } : { OPENAI_API_KEY: 'k-123456' };
      const { config, found } = await discoverConfig({ ...key, ...env }, noOllama);
      expect(config.providers.find((p) => p.id === vendor)?.baseUrl, listen).toBe(PROVIDER_TYPES[vendor]!.defaultBaseUrl);
      expect(found[0]).toMatch(/_BASE_URL ignored: it points at this gateway/);
    }
  });

  it('without a key for it, a base-URL variable starts nothing', async () => {
    const { config } = await discoverConfig({ OPENAI_BASE_URL: `${upstream.url}/v1` }, noOllama);
    expect(config.providers).toEqual([]);
  });

  it("README's list of detected keys is every variable discovery reads", async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('`switchyard start` without a config discovers providers'));
    const listed = paragraph.slice(0, paragraph.indexOf('\n\n')).match(/`[A-Z_]+_API_KEY`/g)!.map((v) => v.slice(1, -1));
    const read = Object.values(PROVIDER_TYPES).flatMap((t) => t.apiKeyEnv);
    expect([...listed].sort()).toEqual([...read].sort());
    for (const type of Object.values(PROVIDER_TYPES)) {
      if (type.baseUrlEnv) expect(paragraph.slice(0, paragraph.indexOf('\n\n'))).toContain(`\`${type.baseUrlEnv.variable}\``);
    }
    // each one really starts its provider
    for (const variable of read) {
      const { config } = await discoverConfig({ [variable]: 'k-123456' }, noOllama);
      expect(config.providers, variable).toHaveLength(1);
    }
  });
});
