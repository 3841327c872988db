import type { LoadResult } from './lib/load.js';

export interface LoadRow extends LoadResult {
  target: string;
  stream: boolean;
  connections: number;
  cpuPercent?: number;
  peakRssMb?: number;
}

export interface ProbeResult {
  target: string;
  stream: boolean;
  count: number;
  ttfbP50: number;
  ttfbP99: number;
  totalP50: number;
  totalP99: number;
}

export interface LongStreamResult {
  target: string;
  streams: number;
  completed: number;
  failed: number;
  chunksPerStream: number;
  chunksSeen: number;
  seconds: number;
  errors: Record<string, number>;
  peakRssMb: number;
  cpuPercent: number;
  eventLoopP99Ms?: number;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; pinned: boolean; loadGenerator: string };
  settings: Record<string, unknown>;
  loads: LoadRow[];
  probes: ProbeResult[];
  longStreams: LongStreamResult[];
  micro: Array<{ task: string; mean_us: number; p99_us: number }>;
  checks?: Array<{ target: string; measured: string; pass: boolean }>;
}

const f = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

/** The report as markdown: throughput and latency per load, the one-connection probe, long streams, checks. */
export function renderReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`Run ${r.date} — ${r.machine.cpus} CPUs (${r.machine.cpuModel}), Node ${r.machine.node}, ${r.machine.loadGenerator}, ${r.machine.pinned ? 'pinned' : 'not pinned'}${r.settings.quick ? ', QUICK run' : ''}`);
  for (const stream of [false, true]) {
    lines.push('', `### ${stream ? 'Streaming (20 chunks + usage)' : 'Non-streaming'}`, '');
    lines.push('| conns | target | req/s | p50 ms | p90 ms | p99 ms | × floor | × Portkey | CPU % | peak RSS MB | errors |');
    lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of r.loads.filter((l) => l.stream === stream)) {
      const floor = find(r, 'floor', stream, row.connections);
      const portkey = find(r, 'portkey', stream, row.connections);
      lines.push(
        `| ${row.connections} | ${row.target} | ${f(row.rps, 0)} | ${f(row.p50)} | ${f(row.p90)} | ${f(row.p99)} | ${floor ? f(row.rps / floor.rps) : '—'} | ${portkey ? f(row.rps / portkey.rps, 1) : '—'} | ${f(row.cpuPercent, 0)} | ${f(row.peakRssMb, 0)} | ${row.errors} |`,
      );
    }
  }
  lines.push('', '### One connection, sequential', '');
  lines.push('| target | mode | TTFB p50 ms | TTFB p99 ms | total p50 ms | total p99 ms | added p50 vs direct ms | added p50 vs floor ms |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const p of r.probes) {
    const direct = r.probes.find((x) => x.target === 'direct' && x.stream === p.stream);
    const floor = r.probes.find((x) => x.target === 'floor' && x.stream === p.stream);
    const metric = (x: ProbeResult) => (p.stream ? x.ttfbP50 : x.totalP50);
    lines.push(
      `| ${p.target} | ${p.stream ? 'stream' : 'json'} | ${f(p.ttfbP50, 3)} | ${f(p.ttfbP99, 3)} | ${f(p.totalP50, 3)} | ${f(p.totalP99, 3)} | ${direct ? f(metric(p) - metric(direct), 3) : '—'} | ${floor ? f(metric(p) - metric(floor), 3) : '—'} |`,
    );
  }
  lines.push('', '(added latency: total for non-streaming, time to first byte for streaming)');
  if (r.longStreams.length > 0) {
    lines.push('', `### Long streams (${r.settings.longStreams} concurrent, a chunk every ${r.settings.longIntervalMs} ms, ${r.settings.longChunks} chunks each)`, '');
    lines.push('| target | complete | failed | chunks seen | seconds | gateway CPU % | peak RSS MB | event-loop p99 ms |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const l of r.longStreams) {
      lines.push(`| ${l.target} | ${l.completed}/${l.streams} | ${l.failed} | ${l.chunksSeen} | ${f(l.seconds, 1)} | ${f(l.cpuPercent, 0)} | ${f(l.peakRssMb, 0)} | ${f(l.eventLoopP99Ms, 1)} |`);
      if (l.failed > 0) lines.push(`| | errors: ${JSON.stringify(l.errors)} | | | | | | |`);
    }
  }
  if (r.micro.length > 0) {
    lines.push('', '### Per-request work in process (micro-benchmark)', '', '| task | mean µs | p99 µs |', '|---|---:|---:|');
    for (const m of r.micro) lines.push(`| ${m.task} | ${f(m.mean_us)} | ${f(m.p99_us)} |`);
  }
  r.checks = checks(r);
  lines.push('', '### Targets', '', '| target | measured | |', '|---|---|---|');
  for (const c of r.checks) lines.push(`| ${c.target} | ${c.measured} | ${c.pass ? 'met' : '**missed**'} |`);
  return lines.join('\n') + '\n';
}

function find(r: BenchReport, target: string, stream: boolean, connections: number): LoadRow | undefined {
  return r.loads.find((l) => l.target === target && l.stream === stream && l.connections === connections);
}

/** Issue 17's targets, each checked on this run's figures (the gateway under test is `switchyard`, pinned to one CPU). */
function checks(r: BenchReport): Array<{ target: string; measured: string; pass: boolean }> {
  const out: Array<{ target: string; measured: string; pass: boolean }> = [];
  for (const stream of [false, true]) {
    const mode = stream ? 'streaming' : 'non-streaming';
    for (const connections of [10, 50, 200]) {
      const sy = find(r, 'switchyard', stream, connections);
      const floor = find(r, 'floor', stream, connections);
      if (sy && floor) out.push({ target: `throughput ≥ 0.8× floor, ${mode}, ${connections} conns`, measured: `${f(sy.rps / floor.rps)}×`, pass: sy.rps >= 0.8 * floor.rps });
    }
    const sy = find(r, 'switchyard', stream, 50);
    const portkey = find(r, 'portkey', stream, 50);
    if (sy && portkey) out.push({ target: `throughput ≥ 10× Portkey, ${mode}, 50 conns`, measured: `${f(sy.rps / portkey.rps, 1)}×`, pass: sy.rps >= 10 * portkey.rps });
    const slow = find(r, 'switchyard-slow-disk', stream, 50);
    if (sy && slow) out.push({ target: `throughput holds beside an fsync-heavy neighbour (≥ 0.9× without it), ${mode}, 50 conns`, measured: `${f(slow.rps / sy.rps)}×`, pass: slow.rps >= 0.9 * sy.rps });
    for (const [connections, ratio] of [[10, 0.7], [50, 0.8]] as const) {
      const pg = find(r, 'switchyard-pg', stream, connections);
      const floor = find(r, 'floor', stream, connections);
      if (pg && floor) out.push({ target: `PostgreSQL + Redis ≥ ${ratio}× floor, ${mode}, ${connections} conns`, measured: `${f(pg.rps / floor.rps)}×`, pass: pg.rps >= ratio * floor.rps });
    }
    const cached = find(r, 'switchyard-cache', stream, 50);
    const floor50 = find(r, 'floor', stream, 50);
    if (cached && floor50) out.push({ target: `cache hit ≥ 2× floor throughput, ${mode}, 50 conns`, measured: `${f(cached.rps / floor50.rps)}×`, pass: cached.rps >= 2 * floor50.rps });
    const pg10 = find(r, 'switchyard-pg', stream, 10);
    const sq10 = find(r, 'switchyard', stream, 10);
    if (pg10 && sq10) out.push({ target: `PostgreSQL + Redis p50 within 0.3 ms of SQLite's, ${mode}, 10 conns`, measured: `${f(pg10.p50 - sq10.p50, 2)} ms`, pass: pg10.p50 - sq10.p50 <= 0.3 });
  }
  const probe = (t: string, s: boolean) => r.probes.find((p) => p.target === t && p.stream === s);
  const syJ = probe('switchyard', false);
  const flJ = probe('floor', false);
  if (syJ && flJ) out.push({ target: 'added latency, one connection, ≤ 0.15 ms over the floor (p50 total)', measured: `${f(syJ.totalP50 - flJ.totalP50, 3)} ms`, pass: syJ.totalP50 - flJ.totalP50 <= 0.15 });
  const syS = probe('switchyard', true);
  const flS = probe('floor', true);
  if (syS && flS) out.push({ target: 'streaming time to first byte ≤ 0.15 ms over the floor (p50)', measured: `${f(syS.ttfbP50 - flS.ttfbP50, 3)} ms`, pass: syS.ttfbP50 - flS.ttfbP50 <= 0.15 });
  const peak = (t: string) => Math.max(0, ...r.loads.filter((l) => l.target === t && l.connections === 200).map((l) => l.peakRssMb ?? 0));
  if (peak('switchyard') > 0 && peak('floor') > 0) {
    out.push({ target: "peak RSS at 200 connections ≤ 1.3× the floor's", measured: `${f(peak('switchyard'), 0)} MB vs ${f(peak('floor'), 0)} MB`, pass: peak('switchyard') <= 1.3 * peak('floor') });
  }
  const long = r.longStreams.find((l) => l.target === 'switchyard');
  if (long) {
    out.push({ target: `every long stream complete, in order (${long.streams})`, measured: `${long.completed}/${long.streams}`, pass: long.completed === long.streams });
    out.push({ target: 'peak RSS ≤ 400 MB with the long streams open', measured: `${f(long.peakRssMb, 0)} MB`, pass: long.peakRssMb <= 400 });
    if (long.eventLoopP99Ms !== undefined) out.push({ target: 'event-loop delay p99 ≤ 20 ms with the long streams open', measured: `${f(long.eventLoopP99Ms, 1)} ms`, pass: long.eventLoopP99Ms <= 20 });
  }
  return out;
}
