import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';
import type { Logging } from '../../src/server/create-logging.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

/** What operators read: config errors, logs and /metrics (issue 12, findings 7 and 15). */
const SECRET = 'sk-proj-canary-Zq8Rt3Xv9Wp2Lm7Kd4';
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('ok'));
});
afterAll(() => upstream.close());

function capturingLogging(): Logging & { lines: () => Array<Record<string, unknown>> } {
  let text = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  });
  return {
    log: pino({ level: 'info' }, sink),
    access: (fields) => sink.write(`${JSON.stringify(fields)}\n`),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

async function start(raw: Record<string, unknown>, env: Record<string, string> = {}, logging?: Logging): Promise<RunningGateway> {
  const config = buildConfig({ listen: '127.0.0.1:0', storage: 'sqlite::memory:', ...raw }, 'test', env);
  return startGateway(config, { logging: logging ?? { log: pino({ level: 'silent' }), access() {} } });
}

describe('config errors never show a value that came from the environment', () => {
  it('in the thrown error', () => {
    const env = { KEY: SECRET.slice(0, 10), URL: `ftp://user:${SECRET}@host` };
    try {
      buildConfig({ auth: { master_key: '${KEY}' }, providers: { p: { type: 'vllm', base_url: '${URL}' } } }, 'test', env);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).message;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET.slice(0, 10));
      expect(text).toContain('${URL}');
    }
  });

  it('in switchyard check-config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-sec-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'listen: "${LISTEN}"\nproviders:\n  p: { type: vllm, base_url: "${URL}" }\n');
    const r = await runCli(['check-config', file], cleanEnv({ URL: `notaurl-${SECRET}`, LISTEN: `bad-${SECRET}` }));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stderr).toContain('${URL}');
  });
});

describe('logs', () => {
  it("keep the gateway's own request id; a client's x-request-id is logged beside it, and only when printable", async () => {
    const logging = capturingLogging();
    const gw = await start({ providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } } }, {}, logging);
    try {
      for (const id of ['req-1', 'client-chosen-id', 'bad id', 'x'.repeat(300)]) {
        await fetch(`${gw.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'x-request-id': id },
          body: JSON.stringify({ model: 'local/m', messages: [{ role: 'user', content: 'hi' }] }),
        });
      }
      const access = logging.lines().filter((l) => l.path === '/v1/chat/completions');
      expect(access).toHaveLength(4);
      const ids = access.map((l) => l.reqId as string);
      expect(new Set(ids).size).toBe(4);
      for (const id of ids) expect(id).toMatch(/^req-[0-9a-z]+$/);
      expect(access.map((l) => l.clientRequestId)).toEqual(['req-1', 'client-chosen-id', undefined, undefined]);
    } finally {
      await gw.close(1000);
    }
  });
});

describe('GET /metrics', () => {
  const METRICS = 'sy-metrics-key-0123456789abcdef';
  const ADMIN = 'sy-admin-key-metrics-0123456789';

  it('needs the metrics key or the admin key once one is set', async () => {
    const gw = await start({ auth: { metrics_key: METRICS, admin_key: ADMIN } });
    try {
      expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${gw.url}/metrics`, { headers: { authorization: 'Bearer wrong-key-0123456789' } })).status).toBe(401);
      const ok = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('switchyard_requests_total');
      expect((await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
      // /health stays open for load balancers
      expect((await fetch(`${gw.url}/health`)).status).toBe(200);
    } finally {
      await gw.close(1000);
    }
  });

  it('is open on a loopback gateway with neither key (as before)', async () => {
    const gw = await start({});
    try {
      expect((await fetch(`${gw.url}/metrics`)).status).toBe(200);
    } finally {
      await gw.close(1000);
    }
  });
});

describe('admin reports', () => {
  it('a time span reaching before any date is a 400 naming the option, not a 500', async () => {
    const ADMIN = 'sy-admin-key-reports-0123456789';
    const gw = await start({ auth: { admin_key: ADMIN } });
    try {
      const res = await fetch(`${gw.url}/admin/reports/spend?since=1000000000d`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe('since');
    } finally {
      await gw.close(1000);
    }
  });
});

