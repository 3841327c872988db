/**
 * The floor: the least a pass-through proxy can do. node:http in, undici out with keep-alive, the request
 * JSON parsed and re-serialized once, a non-streaming answer parsed and re-serialized once, a stream's
 * bytes piped through as they come. Usage: node floor-proxy.js PORT UPSTREAM_URL
 */
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const port = Number(process.argv[2] ?? 9200);
const upstream = process.argv[3] ?? 'http://127.0.0.1:9100';
const agent = new Agent({ keepAliveTimeout: 60_000 });

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (d: Buffer) => parts.push(d));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { stream?: boolean };
      const up = await request(`${upstream}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer upstream-key' },
        body: JSON.stringify(body),
        dispatcher: agent,
      });
      if (body.stream) {
        res.writeHead(up.statusCode, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for await (const chunk of up.body) res.write(chunk);
        res.end();
      } else {
        const answer = JSON.stringify(JSON.parse(await up.body.text()));
        res.writeHead(up.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      }
    } catch (err) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(err) } }));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`floor listening on ${port}`));
for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => process.exit(0));
