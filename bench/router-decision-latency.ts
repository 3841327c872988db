/**
 * Standalone timing loop for one router decision (features + model + threshold) on a ~2,000-token prompt:
 * prints p50, p99 and max in microseconds. Usage: node build-bench/bench/router-decision-latency.js [iterations] [model.json]
 */
import { loadRouterModel } from '../src/routing/router/load-router-model.js';
import { decide, scoreRequest, thresholdForStrongShare } from '../src/routing/router/router-model.js';
import { longRouterRequest } from './router-prompt.js';

const iterations = Number(process.argv[2] ?? 20000);
const model = loadRouterModel(process.argv[3]); // optional model file (default: the shipped model)
const req = longRouterRequest();
const threshold = thresholdForStrongShare(model, 0.3);
const chars = req.messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0);
let sink = 0;
for (let i = 0; i < 2000; i++) sink += decide(scoreRequest(model, req), threshold) === 'weak' ? 1 : 0;
const times = new Float64Array(iterations);
for (let i = 0; i < iterations; i++) {
  const t0 = process.hrtime.bigint();
  sink += decide(scoreRequest(model, req), threshold) === 'weak' ? 1 : 0;
  times[i] = Number(process.hrtime.bigint() - t0) / 1000;
}
times.sort();
const at = (q: number) => times[Math.min(iterations - 1, Math.floor(q * iterations))]!.toFixed(1);
console.log(`router decision, ${chars} chars, ${model.file.kind}, ${iterations} runs: p50 ${at(0.5)} µs, p99 ${at(0.99)} µs, max ${times[iterations - 1]!.toFixed(1)} µs (weak decisions: ${sink})`);
