import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { exited, freePort, spawnCli, waitForHealth } from '../support/run-cli.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * `kill -9` under load: every request whose response the client received complete has exactly one ledger
 * row, and a restart adds no duplicates. The load is measured in answers, not seconds: the gateway is
 * killed once 100 have come back, however long a loaded machine takes to serve them.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-crash-'));
const dbPath = join(dir, 'ledger.db');
let upstream: FakeUpstream;

const answer = {
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
};
const chunk = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply((req) =>
    req.json?.stream
      ? { sse: [chunk({ content: 'o' }, null), chunk({ content: 'k' }, 'stop'), 'data: [DONE]\n\n'], delayMs: 2 }
      : { json: answer, delayMs: 2 },
  );
});
afterAll(async () => {
  await upstream.close();
});

async function startGateway(port: number) {
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    `listen: 127.0.0.1:${port}\nlog_level: warn\nstorage: "sqlite:${dbPath}"\nproviders:\n  local: { type: vllm, base_url: "${upstream.url}/v1", prices: { m: { input: 1, output: 2 } } }\nmodels:\n  m: { deployments: [local/m] }\n`,
  );
  const child = spawnCli(['start', '--config', config]);
  await waitForHealth(`http://127.0.0.1:${port}/health`, 30_000);
  return child;
}

/** One client loop: sends requests until the gateway dies, keeping the ids of responses received whole. */
async function client(url: string, stream: boolean, completed: string[], stop: { done: boolean }): Promise<void> {
  while (!stop.done) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const text = await res.text();
      if (res.status !== 200) continue;
      if (stream) {
        if (!text.trimEnd().endsWith('data: [DONE]')) continue;
        completed.push((JSON.parse(text.split('\n\n')[0]!.slice(6)) as { id: string }).id);
      } else {
        completed.push((JSON.parse(text) as { id: string }).id);
      }
    } catch {
      // the gateway is gone: the response was not received complete
    }
  }
}

describe('kill -9 under load', () => {
  it('leaves exactly one row for every response received complete, and a restart adds no duplicates', async () => {
    const port = await freePort();
    const child = await startGateway(port);
    const url = `http://127.0.0.1:${port}/v1/chat/completions`;
    const completed: string[] = [];
    const stop = { done: false };
    const clients = Array.from({ length: 24 }, (_, i) => client(url, i % 3 === 0, completed, stop));
    try {
      // killed with 24 requests in flight, after enough answers that the ledger has real work behind it
      await waitUntil(() => completed.length >= 100, 30_000, '100 answers before the kill');
    } finally {
      child.kill('SIGKILL');
      await exited(child);
      stop.done = true;
      await Promise.all(clients);
    }

    const read = () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare('SELECT id FROM requests').all() as Array<{ id: string }>;
      } finally {
        db.close();
      }
    };
    const ids = read().map((r) => r.id);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    const missing = completed.filter((id) => counts.get(id) !== 1);
    expect(missing).toEqual([]);

    // restart on the same file, serve a little more, stop: still one row per id
    const port2 = await freePort();
    const again = await startGateway(port2);
    const more: string[] = [];
    const stop2 = { done: false };
    const clients2 = [client(`http://127.0.0.1:${port2}/v1/chat/completions`, false, more, stop2)];
    try {
      await waitUntil(() => more.length >= 20, 30_000, '20 answers after the restart');
    } finally {
      stop2.done = true;
      await Promise.all(clients2);
      again.kill('SIGTERM');
    }
    expect(await exited(again)).toBe(0);
    const after = read().map((r) => r.id);
    expect(new Set(after).size).toBe(after.length);
    for (const id of [...completed, ...more]) expect(after.filter((x) => x === id)).toHaveLength(1);
  }, 90_000);
});
