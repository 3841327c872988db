/** The load generator when wrk is not installed: autocannon, with the same inputs and outputs. */
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
};
const result = await autocannon({
  url: spec.url,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...spec.headers },
  body: spec.body,
  connections: spec.connections,
  duration: spec.seconds,
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
  }),
);
