/**
 * One connection, one request at a time: time to the first byte of the body and to the end of the
 * response, for N requests after a warm-up. Prints a JSON summary (ms).
 * Usage: node probe-client.js URL HEADERS_JSON BODY N
 */
import { Client } from 'undici';

const [url, headersJson, body, countText] = process.argv.slice(2) as [string, string, string, string];
const count = Number(countText);
const target = new URL(url);
const client = new Client(target.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
const headers = { 'content-type': 'application/json', ...(JSON.parse(headersJson) as Record<string, string>) };

async function once(): Promise<{ ttfb: number; total: number }> {
  const start = performance.now();
  const res = await client.request({ path: target.pathname, method: 'POST', headers, body });
  let ttfb = NaN;
  for await (const _chunk of res.body) if (Number.isNaN(ttfb)) ttfb = performance.now() - start;
  if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  return { ttfb, total: performance.now() - start };
}

for (let i = 0; i < Math.min(200, count); i++) await once();
const ttfb: number[] = [];
const total: number[] = [];
for (let i = 0; i < count; i++) {
  const r = await once();
  ttfb.push(r.ttfb);
  total.push(r.total);
}
await client.close();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
console.log(JSON.stringify({ count, ttfbP50: pct(ttfb, 50), ttfbP99: pct(ttfb, 99), totalP50: pct(total, 50), totalP99: pct(total, 99) }));
