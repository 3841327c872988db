/**
 * Many long streams at once, as real LLM answers arrive: opens COUNT streaming requests (ramped, so the
 * listen backlog is not flooded), reads each to the end and checks that every chunk `#0 … #N-1` arrived
 * once and in order, followed by [DONE]. Prints a JSON summary. Bounded by TIMEOUT_MS.
 * Usage: node long-stream-client.js URL HEADERS_JSON BODY COUNT CHUNKS TIMEOUT_MS
 */
import { Agent, request } from 'undici';

const [url, headersJson, body, countText, chunksText, timeoutText] = process.argv.slice(2) as string[];
const count = Number(countText);
const chunks = Number(chunksText);
const agent = new Agent({ keepAliveTimeout: 1_000, connections: null as unknown as undefined, connect: { timeout: 30_000 } });
const headers = { 'content-type': 'application/json', ...(JSON.parse(headersJson as string) as Record<string, string>) };
const deadline = AbortSignal.timeout(Number(timeoutText));

let completed = 0;
let failed = 0;
let chunksSeen = 0;
const errors = new Map<string, number>();
const note = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);

async function oneStream(): Promise<void> {
  const res = await request(url as string, { method: 'POST', headers, body, dispatcher: agent, signal: deadline });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`status ${res.statusCode}`);
  }
  let buffer = '';
  let next = 0;
  let done = false;
  for await (const piece of res.body) {
    buffer += piece.toString();
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (frame === 'data: [DONE]') {
        done = true;
        continue;
      }
      const match = /"content":"#(\d+) "/.exec(frame);
      if (!match) continue;
      if (Number(match[1]) !== next) throw new Error('chunk out of order');
      next++;
      chunksSeen++;
    }
  }
  if (!done) throw new Error('stream ended without [DONE]');
  if (next !== chunks) throw new Error(`got ${next} of ${chunks} chunks`);
}

const started = performance.now();
const running: Array<Promise<void>> = [];
for (let i = 0; i < count; i++) {
  running.push(
    oneStream().then(
      () => void completed++,
      (err: Error) => {
        failed++;
        note(err.message.slice(0, 80));
      },
    ),
  );
  if (i % 250 === 249) await new Promise((r) => setTimeout(r, 50));
}
await Promise.all(running);
await agent.close();
console.log(
  JSON.stringify({
    streams: count,
    completed,
    failed,
    chunksPerStream: chunks,
    chunksSeen,
    seconds: (performance.now() - started) / 1000,
    errors: Object.fromEntries(errors),
  }),
);
