/**
 * `npm run bench:attack`: the attacks of issue 12 replayed against a gateway started as users start it
 * (`switchyard start --config`, default limits), each bounded in time and size, with what each did: the
 * answer, the time to it, how much a hostile upstream got to send, the gateway's peak RSS, and whether it
 * still answers /health. Everything on loopback. `--bin PATH` runs another build's bin/switchyard.js (an
 * older commit, to compare). Writes bench/results/attack.md and prints it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RssSampler, rssMb, sleep, waitForPort } from './lib/processes.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binArg = process.argv.indexOf('--bin');
const bin = binArg > 0 ? resolve(process.argv[binArg + 1]!) : join(repoRoot, 'bin', 'switchyard.js');
const MiB = 1024 * 1024;
/** The most any hostile answer sends, and the longest any one attack may take. */
const SEND_CAP = 1024 * MiB;
const ATTACK_MS = 60_000;
const ADMIN = 'sy-admin-attack-bench-0123456789';
const PORT = 9311;
const GW = `http://127.0.0.1:${PORT}`;

interface Row {
  attack: string;
  outcome: string;
  ms: number;
  peakRssMb: number;
  alive: boolean;
}

// ---- the hostile upstream: what it does is chosen per attack
let behaviour: (res: ServerResponse, path: string) => Promise<void> = async (res) => void res.end();
let sent = 0;
let lastPath = '';
const upstream = createServer((req, res) => {
  lastPath = req.url ?? '';
  req.resume();
  req.on('end', () => void behaviour(res, lastPath));
});

/** Wait for the socket to take more, or to go; both listeners leave once either fires. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function endless(res: ServerResponse, piece: string): Promise<void> {
  const started = Date.now();
  while (!res.destroyed && sent < SEND_CAP && Date.now() - started < ATTACK_MS) {
    sent += piece.length;
    if (!res.write(piece)) await drainOrClose(res);
  }
  if (!res.destroyed) res.end();
}

const completion = JSON.stringify({
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
});
const answerOk = async (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(completion);
};

// ---- the gateway under attack
let gateway: ChildProcess;
let sampler: RssSampler;

let upstreamUrl = '';
/** One folder for every start: a gateway restarted after a crash keeps the keys and the ledger. */
const dir = mkdtempSync(join(tmpdir(), 'sy-attack-'));

async function startGateway(url: string): Promise<void> {
  upstreamUrl = url;
  const config = join(dir, 'switchyard.yaml');
  writeFileSync(
    config,
    [
      `listen: 127.0.0.1:${PORT}`,
      `storage: sqlite:${join(dir, 'ledger.db')}`,
      'log_level: warn',
      'auth:',
      `  admin_key: ${ADMIN}`,
      'providers:',
      `  up: { type: vllm, base_url: "${url}/v1", retries: 0 }`,
      `  gem: { type: gemini, api_key: gem-key-attack-0123456789, base_url: "${url}/v1beta" }`,
      `  oai: { type: openai, api_key: sk-attack-000000000000, base_url: "${url}/v1" }`,
      '',
    ].join('\n'),
  );
  gateway = spawn(process.execPath, [bin, 'start', '--config', config], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  gateway.stderr?.on('data', () => undefined);
  await waitForPort(PORT);
  sampler = new RssSampler(gateway.pid!);
}

async function alive(): Promise<boolean> {
  try {
    return (await fetch(`${GW}/health`, { signal: AbortSignal.timeout(5_000) })).status === 200;
  } catch {
    return false;
  }
}

const rows: Row[] = [];

/** An earlier attack may have taken the gateway down: then start a fresh one, so that every attack is measured. */
async function ensureUp(): Promise<void> {
  if (await alive()) return;
  console.log('the gateway is down: starting a fresh one');
  gateway.kill('SIGKILL');
  if (gateway.exitCode === null && gateway.signalCode === null) await new Promise((r) => gateway.once('exit', r));
  await startGateway(upstreamUrl);
}

/** Run one attack and record what it did. */
async function attack(name: string, run: () => Promise<string>): Promise<void> {
  await ensureUp();
  sampler.stop();
  sampler = new RssSampler(gateway.pid!);
  sent = 0;
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await Promise.race([run(), sleep(ATTACK_MS + 10_000).then(() => `still running after ${(ATTACK_MS + 10_000) / 1000} s`)]);
  } catch (err) {
    outcome = `client error: ${(err as Error).message}`;
  }
  const ms = performance.now() - started;
  const peak = sampler.stop();
  const ok = await alive();
  rows.push({ attack: name, outcome, ms, peakRssMb: peak, alive: ok });
  console.log(`${name}: ${outcome} (${(ms / 1000).toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB, ${ok ? 'serving' : 'DOWN'})`);
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${GW}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(ATTACK_MS),
  });
  return { status: res.status, text: await res.text() };
}
const hello = [{ role: 'user', content: 'hi' }];
const mb = (n: number) => `${(n / MiB).toFixed(1)} MB`;

/** A raw client that sends `head` and then `trickle` every `everyMs` until the server closes; resolves with what it read. */
function rawClient(head: string, trickle?: string, everyMs = 2_000): { done: Promise<{ text: string; ms: number }>; destroy: () => void } {
  const socket = connect(PORT, '127.0.0.1');
  const started = Date.now();
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<{ text: string; ms: number }>((r) => {
    const giveUp = setTimeout(() => socket.destroy(), ATTACK_MS * 2);
    socket.on('connect', () => {
      socket.write(head);
      if (trickle !== undefined) timer = setInterval(() => socket.writable && socket.write(trickle), everyMs);
    });
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      r({ text, ms: Date.now() - started });
    });
  });
  return { done, destroy: () => socket.destroy() };
}
const statusOf = (raw: string) => /^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 'closed without an answer';

async function main(): Promise<void> {
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  await startGateway(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  console.log(`gateway: ${bin}; baseline RSS ${rssMb(gateway.pid!).toFixed(0)} MB`);

  // --- anonymous clients on an open loopback gateway
  behaviour = answerOk;
  await attack("1. model 'up/模型', then 'up/模型\\n' (chat)", async () => {
    const results = [
      await post('/v1/chat/completions', { model: 'up/模型', messages: hello }),
      await post('/v1/chat/completions', { model: 'up/模型\n', messages: hello }),
    ];
    return results.map((r) => r.status).join(', ');
  });
  await attack('11. cross-site simple POST (text/plain, foreign Origin)', async () => {
    const r = await post('/v1/chat/completions', { model: 'up/m', messages: hello }, { 'content-type': 'text/plain', origin: 'https://evil.example' });
    return `${r.status}`;
  });
  await attack('7. 20,000 made-up model names, then one /metrics scrape', async () => {
    const agent = Array.from({ length: 20 }, async (_, w) => {
      for (let i = w; i < 20_000; i += 20) await post('/v1/chat/completions', { model: `nope-${i}`, messages: hello });
    });
    await Promise.all(agent);
    const t = performance.now();
    const scrape = await (await fetch(`${GW}/metrics`)).text();
    return `scrape ${mb(scrape.length)} in ${(performance.now() - t).toFixed(0)} ms`;
  });
  await attack('7. a 10 MB model name', async () => `${(await post('/v1/chat/completions', { model: `up/${'x'.repeat(10 * MiB)}`, messages: hello })).status}`);
  await attack('8. one request naming 1,000 fallback models', async () => {
    let count = 0;
    behaviour = async (res) => {
      count++;
      res.writeHead(500).end('{}');
    };
    const r = await post('/v1/chat/completions', { model: 'up/x', models: Array.from({ length: 1000 }, (_, i) => `up/f${i}`), messages: hello });
    behaviour = answerOk;
    return `${r.status}; ${count} upstream requests`;
  });
  await attack('9. Gemini model name with ../ and ?', async () => {
    lastPath = '';
    behaviour = async (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] }));
    };
    const r = await post('/v1/chat/completions', { model: 'gem/../../../../x?y=1#', messages: hello });
    behaviour = answerOk;
    return `${r.status}; upstream path ${lastPath === '' ? '(none requested)' : lastPath}`;
  });
  await attack('5. 2.7 KB of Gemini tool schema ($defs naming the next twice per level)', async () => {
    const $defs: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) $defs[`d${i}`] = i === 29 ? { type: 'string' } : { type: 'object', properties: { a: { $ref: `#/$defs/d${i + 1}` }, b: { $ref: `#/$defs/d${i + 1}` } } };
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { r: { $ref: '#/$defs/d0' } }, $defs } } }];
    const body = JSON.stringify({ model: 'gem/gemini-2.5-flash', messages: hello, tools });
    const r = await post('/v1/chat/completions', body);
    return `${r.status} (request ${(body.length / 1024).toFixed(1)} KB)`;
  });

  // --- a hostile upstream
  await attack('2. one SSE event that never ends (64 KB writes, no newline)', async () => {
    behaviour = async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      await endless(res, `data: ${'a'.repeat(64 * 1024 - 6)}`);
    };
    const r = await post('/v1/chat/completions', { model: 'up/m', messages: hello, stream: true });
    return `${r.status}; upstream sent ${mb(sent)} before the gateway stopped reading`;
  });
  await attack('6. a 1 GB JSON answer', async () => {
    behaviour = async (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      await endless(res, `{"choices":[${' '.repeat(64 * 1024)}`);
    };
    const r = await post('/v1/chat/completions', { model: 'up/m', messages: hello });
    return `${r.status}; upstream sent ${mb(sent)}`;
  });
  await attack('6. a 400 MB error body', async () => {
    behaviour = async (res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      await endless(res, 'E'.repeat(64 * 1024));
    };
    const r = await post('/v1/chat/completions', { model: 'up/m', messages: hello });
    return `${r.status}, ${r.text.length} bytes to the client; upstream sent ${mb(sent)}`;
  });
  behaviour = answerOk;

  // --- slow clients (default deadlines)
  await attack('4. body trickled 1 byte / 2 s; chunked body never ending; Content-Length with no body; idle connection', async () => {
    const head = (extra: string) => `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${PORT}\r\n${extra}\r\n`;
    const clients = [
      rawClient(head('content-length: 1000\r\n') + '{', 'a'),
      rawClient(head('transfer-encoding: chunked\r\n') + '1\r\n{\r\n', '1\r\na\r\n'),
      rawClient(head('content-length: 50\r\n')),
      rawClient(''),
    ];
    const results = await Promise.all(clients.map((c) => c.done));
    return results.map((r) => `${statusOf(r.text)} after ${(r.ms / 1000).toFixed(1)} s`).join('; ');
  });

  // --- authenticated clients (a virtual key exists from here on)
  await ensureUp();
  const created = (await (
    await fetch(`${GW}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ team: 'a', budget_usd: 0.001, budget_period: 'day' }) })
  ).json()) as { key: string; id: string };
  const auth = { authorization: `Bearer ${created.key}` };
  await attack('3. $0.001 budget, 20 requests with max_tokens 100000 to unpriced deployments', async () => {
    let served = 0;
    for (let i = 0; i < 20; i++) {
      const r = await post('/v1/chat/completions', { model: i % 2 ? 'up/anything' : 'oai/gpt-5-2099-01-01', messages: hello, max_tokens: 100_000 }, auth);
      if (r.status === 200) served++;
    }
    return `${served} of 20 served`;
  });
  await attack('4. 150 authenticated half-sent 15 MB bodies', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${PORT}\r\nauthorization: Bearer ${created.key}\r\ncontent-length: ${15 * MiB}\r\n\r\n`;
    const half = 'a'.repeat(7.5 * MiB);
    const clients = Array.from({ length: 150 }, () => rawClient(head + half));
    // every half body sent (or answered) takes a while through one loopback: give it 15 s
    await sleep(15_000);
    const rssHeld = rssMb(gateway.pid!);
    for (const c of clients) c.destroy();
    const results = await Promise.all(clients.map((c) => c.done));
    await sleep(2_000);
    const counts = new Map<string, number>();
    for (const r of results) {
      const s = r.text === '' ? 'no answer (still held when the client left)' : statusOf(r.text);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return `RSS ${rssHeld.toFixed(0)} MB while held, ${rssMb(gateway.pid!).toFixed(0)} MB after; answers: ${[...counts].map(([s, n]) => `${n}× ${s}`).join(', ')}`;
  });
  await attack('10. revoke the last key, then call without one', async () => {
    await fetch(`${GW}/admin/keys/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    await sleep(2_100);
    return `${(await post('/v1/chat/completions', { model: 'up/m', messages: hello })).status}`;
  });

  sampler.stop();
  gateway.kill('SIGTERM');
  upstream.closeAllConnections();
  upstream.close();
  const table = [
    `Attacks of issue 12 against ${bin === join(repoRoot, 'bin', 'switchyard.js') ? 'this checkout' : bin} (default limits), ${new Date().toISOString()}`,
    '',
    '| attack | outcome | time | peak RSS | serving after |',
    '|---|---|---:|---:|---|',
    ...rows.map((r) => `| ${r.attack} | ${r.outcome} | ${(r.ms / 1000).toFixed(1)} s | ${r.peakRssMb.toFixed(0)} MB | ${r.alive ? 'yes' : '**no**'} |`),
    '',
  ].join('\n');
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'results', 'attack.md'), table);
  console.log(`\n${table}`);
  process.exit(0);
}

const watchdog = setTimeout(() => {
  console.error('attack bench ran past 10 minutes: stopping');
  gateway?.kill('SIGKILL');
  process.exit(2);
}, 10 * 60_000);
watchdog.unref();
void main();
