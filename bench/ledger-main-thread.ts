/**
 * What a ledger writer costs the event loop, measured around real writes (for the micro-benchmark): the
 * main thread's busy time per 100-row batch (event-loop utilisation from the first write to the last
 * acknowledgement: everything the loop ran, commits included when they run on it), the event-loop delay
 * seen by a 1 ms timer meanwhile, and one write's acknowledgement time at low load (one row at a time, the
 * writer idle in between).
 */
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LedgerRow, UsageWriter } from '../src/ledger/ledger-row.js';

/** One line of the micro-benchmark's table (the median where measured here; the report shows mean and p99). */
export interface MicroRow {
  task: string;
  mean_us: number;
  p99_us: number;
  p50_us?: number;
}

/** Batches and single writes measured (after a warm-up of a tenth as many). */
export interface LedgerLoad {
  batches: number;
  singles: number;
}

/** The three measures for one writer, as table rows named after `label`. */
export async function measureLedgerMainThread(label: string, writer: UsageWriter, nextRow: () => LedgerRow, load: LedgerLoad): Promise<MicroRow[]> {
  const burst = () => Promise.all(Array.from({ length: 100 }, () => writer.write(nextRow())));
  for (let i = 0; i < load.batches / 10; i++) await burst();
  const busy: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let i = 0; i < load.batches; i++) {
    const start = performance.eventLoopUtilization();
    await burst();
    busy.push(performance.eventLoopUtilization(start).active * 1000);
  }
  delay.disable();

  for (let i = 0; i < load.singles / 10; i++) await writer.write(nextRow());
  const acks: number[] = [];
  for (let i = 0; i < load.singles; i++) {
    await sleep(1);
    const start = performance.now();
    await writer.write(nextRow());
    acks.push((performance.now() - start) * 1000);
  }
  return [
    { task: `${label}: event-loop busy per 100-row batch`, ...summary(busy) },
    { task: `${label}: event-loop delay during 100-row batches (1 ms timer: 1,000 = no delay)`, ...delaySummary(delay) },
    { task: `${label}: one write acknowledged, low load`, ...summary(acks) },
  ];
}

/** The same 1 ms timer's delay over `ms` with no ledger work: what the machine itself adds. */
export async function measureIdleDelay(ms: number): Promise<MicroRow> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await sleep(ms);
  delay.disable();
  return { task: "event-loop delay with no ledger work (1 ms timer: the machine's own noise)", ...delaySummary(delay) };
}

function delaySummary(delay: IntervalHistogram): Omit<MicroRow, 'task'> {
  return { mean_us: round(delay.mean / 1000), p99_us: round(delay.percentile(99) / 1000), p50_us: round(delay.percentile(50) / 1000) };
}

function summary(values: number[]): Omit<MicroRow, 'task'> {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!;
  return { mean_us: round(mean), p99_us: round(rank(0.99)), p50_us: round(rank(0.5)) };
}

const round = (n: number) => +n.toFixed(2);
