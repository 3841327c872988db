/**
 * The benchmark's provider stand-in: an OpenAI-compatible server on loopback that answers at once.
 * Non-streaming: one chat.completion JSON. Streaming: 20 content chunks, a finish chunk, a usage chunk and
 * [DONE]. Model `slow-stream`: one chunk every 100 ms for 20 s (200 chunks), as real answers arrive.
 * Every body is serialized once at start. Usage: node upstream-server.js PORT
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 9100);
const SLOW_CHUNKS = Number(process.env.SLOW_CHUNKS ?? 200);
const SLOW_INTERVAL_MS = Number(process.env.SLOW_INTERVAL_MS ?? 100);

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1700000000,
  model: 'bench-model',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'The quick brown fox jumps over the lazy dog. '.repeat(4).trim() },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 42, completion_tokens: 40, total_tokens: 82 },
});

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'bench-model',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  })}\n\n`;
}

const words = 'The quick brown fox jumps over the lazy dog and keeps on running far away'.split(' ');
const streamBody =
  chunk({ role: 'assistant', content: '' }, null) +
  Array.from({ length: 20 }, (_, i) => chunk({ content: `${words[i % words.length]} ` }, null)).join('') +
  chunk({}, 'stop') +
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000, model: 'bench-model', choices: [], usage: { prompt_tokens: 42, completion_tokens: 20, total_tokens: 62 } })}\n\n` +
  'data: [DONE]\n\n';

const slowChunks = Array.from({ length: SLOW_CHUNKS }, (_, i) => chunk({ content: `#${i} ` }, null));
const slowTail = chunk({}, 'stop') + 'data: [DONE]\n\n';

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (d: Buffer) => parts.push(d));
  req.on('end', () => {
    let body: { stream?: boolean; model?: string } = {};
    try {
      body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    } catch {
      // a GET or an empty body: answer as non-streaming
    }
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
      res.end(completion);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (body.model !== 'slow-stream') {
      res.end(streamBody);
      return;
    }
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) {
        clearInterval(timer);
        return;
      }
      if (i < slowChunks.length) {
        res.write(slowChunks[i++]);
        return;
      }
      clearInterval(timer);
      res.end(slowTail);
    }, SLOW_INTERVAL_MS);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`upstream listening on ${port}`));
for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => process.exit(0));
