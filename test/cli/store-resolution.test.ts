import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { cleanEnv, exited, freePort, runCli, spawnCli, waitForHealth } from '../support/run-cli.js';

/**
 * Every command acts on the running gateway's store, found by one rule (--config, $SWITCHYARD_CONFIG,
 * ./switchyard.yaml, else the zero-config ./switchyard.db), says which store it acted on, and never makes a
 * stray one. Run as users run it: the built CLI in other folders than the gateway's, against a real gateway.
 */
const root = mkdtempSync(join(tmpdir(), 'sy-store-'));
const folder = (name: string) => {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
};

async function chat(port: number, model: string, key?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

describe('a configured gateway and commands run elsewhere (docs/policy.md, verbatim)', () => {
  let openai: FakeUpstream;
  let local: FakeUpstream;
  let port: number;
  let gateway: ReturnType<typeof spawnCli>;
  const app = folder('app');
  const config = join(app, 'gateway.yaml');

  beforeAll(async () => {
    openai = await FakeUpstream.start();
    local = await FakeUpstream.start();
    openai.reply(openAIReply('from openai'));
    local.reply(openAIReply('from local'));
    port = await freePort();
    // the store is written relative to the config file: the gateway runs from another folder
    writeFileSync(
      config,
      [
        `listen: 127.0.0.1:${port}`,
        'log_level: warn',
        'storage: sqlite:./data/gateway.db',
        'providers:',
        `  oa: { type: openai, base_url: "${openai.url}/v1", api_key: test-key }`,
        `  mine: { type: vllm, base_url: "${local.url}/v1" }`,
        'models:',
        '  chat: { deployments: [oa/gpt-4o-mini, mine/qwen3-32b] }',
        '',
      ].join('\n'),
    );
    mkdirSync(join(app, 'data'));
    gateway = spawnCli(['start', '--config', config], cleanEnv(), folder('elsewhere'));
    await waitForHealth(`http://127.0.0.1:${port}/health`);
  });

  afterAll(async () => {
    gateway.kill('SIGTERM');
    await exited(gateway);
    await openai.close();
    await local.close();
  });

  it('the gateway opens the store next to its config, and its banner names it', () => {
    expect(existsSync(join(app, 'data', 'gateway.db'))).toBe(true);
    expect(existsSync(join(root, 'elsewhere', 'data'))).toBe(false);
    expect(gateway.output()).toContain(`Store:  SQLite file ${join(app, 'data', 'gateway.db')}`);
  });

  it('a kill without a config finds no store, creates none, and says how to reach the gateway', async () => {
    const shell = folder('shell');
    const r = await runCli(['kill', 'developer:openai', '--reason', 'drill'], cleanEnv(), 15_000, shell);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`No store at SQLite file ${join(shell, 'switchyard.db')}`);
    expect(r.stderr).toContain('--config FILE');
    expect(existsSync(join(shell, 'switchyard.db'))).toBe(false);
    expect(await (await chat(port, 'chat')).json()).toMatchObject({ choices: [{ message: { content: 'from openai' } }] });
  });

  it('with $SWITCHYARD_CONFIG from any folder, the kill reaches the running gateway', async () => {
    const env = cleanEnv({ SWITCHYARD_CONFIG: config });
    const r = await runCli(['kill', 'developer:openai', '--reason', 'drill'], env, 15_000, folder('shell2'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Store: SQLite file ${join(app, 'data', 'gateway.db')} (storage of ${config}, found by $SWITCHYARD_CONFIG)`);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const res = await chat(port, 'chat');
    expect(await res.json()).toMatchObject({ choices: [{ message: { content: 'from local' } }] });
    expect(res.headers.get('x-switchyard-route')).toContain('excluded=oa/gpt-4o-mini:kill:developer:');
  });

  it('./switchyard.yaml in the current folder is found without --config', async () => {
    const ops = folder('ops');
    writeFileSync(join(ops, 'switchyard.yaml'), 'storage: sqlite:../app/data/gateway.db\n');
    const listed = await runCli(['kills', '--format', 'json'], cleanEnv(), 15_000, ops);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain(`found by ./switchyard.yaml`);
    expect(JSON.parse(listed.stdout).kills).toEqual([expect.objectContaining({ target: expect.stringMatching(/^developer:/), reason: 'drill' })]);
    const released = await runCli(['unkill', 'developer:openai'], cleanEnv(), 15_000, ops);
    expect(released.code, released.stderr).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await (await chat(port, 'chat')).json()).toMatchObject({ choices: [{ message: { content: 'from openai' } }] });
  });
});

describe('the zero-config gateway and commands in its folder (README, verbatim)', () => {
  it('keys create refuses before the gateway made its store, then acts on the store the gateway uses', async () => {
    const here = folder('zero');
    const before = await runCli(['keys', 'create', '--team', 'search'], cleanEnv(), 15_000, here);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(`No store at SQLite file ${join(here, 'switchyard.db')}`);
    expect(existsSync(join(here, 'switchyard.db'))).toBe(false);

    const port = await freePort();
    const gateway = spawnCli(['start', '--listen', `127.0.0.1:${port}`], cleanEnv(), here);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`);
      expect(gateway.output()).toContain(`Store:  SQLite file ${join(here, 'switchyard.db')}`);
      const created = await runCli(['keys', 'create', '--team', 'search'], cleanEnv(), 15_000, here);
      expect(created.code, created.stderr).toBe(0);
      expect(created.stderr).toContain(`Store: SQLite file ${join(here, 'switchyard.db')} (no config`);
      const key = created.stdout.trim();
      // the gateway sees the key: keys are now required, and this one is accepted
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const models = (k?: string) => fetch(`http://127.0.0.1:${port}/v1/models`, { headers: k ? { authorization: `Bearer ${k}` } : {} });
      expect((await models()).status).toBe(401);
      expect((await models(key)).status).toBe(200);
    } finally {
      gateway.kill('SIGTERM');
      await exited(gateway);
    }
  }, 30_000);

  it('read commands print the store they read and never create one', async () => {
    const empty = folder('empty');
    for (const args of [['keys', 'list'], ['kills'], ['report', 'spend']]) {
      const r = await runCli(args, cleanEnv(), 15_000, empty);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(`Store: SQLite file ${join(empty, 'switchyard.db')}`);
    }
    expect(existsSync(join(empty, 'switchyard.db'))).toBe(false);
  });
});

describe('upgrading: a store left where relative paths were read before', () => {
  it('start refuses an empty store next to the config and names the old one', async () => {
    const conf = folder('moved-conf');
    const run = folder('moved-run');
    writeFileSync(join(conf, 'switchyard.yaml'), 'storage: sqlite:./old.db\n');
    new Database(join(run, 'old.db')).close();
    const r = await runCli(['start', '--config', join(conf, 'switchyard.yaml'), '--listen', '127.0.0.1:0'], cleanEnv(), 15_000, run);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Not starting on an empty store');
    expect(r.stderr).toContain(`there is one at ${join(run, 'old.db')}`);
    expect(existsSync(join(conf, 'old.db'))).toBe(false);
    const keys = await runCli(['keys', 'list', '--config', join(conf, 'switchyard.yaml')], cleanEnv(), 15_000, run);
    expect(keys.code).toBe(1);
    expect(keys.stderr).toContain(`storage: sqlite:${join(run, 'old.db')}`);
  });
});
