import type { Metric, Registry } from 'prom-client';

/** One labelled histogram series: observations go straight into its own counters. */
export interface HistogramSeries {
  observe(value: number): void;
}

/** One labelled counter series. */
export interface CounterSeries {
  inc(value: number): void;
}

interface Sample {
  labels: Record<string, string>;
  value: number;
  metricName?: string;
}

/**
 * A histogram and a counter for the request path, exported through a prom-client Registry in its text
 * format. prom-client's own metrics check and hash the labels on every observation, even through a child
 * kept from `labels()`: several microseconds for a series of seven labels. Here a series is made once
 * from its label values and kept by its caller, and an observation is a bucket search and three additions;
 * the labels are formatted only when Prometheus scrapes.
 */
abstract class SeriesMetric<S> {
  private readonly all: S[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    protected readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series of these label values (in `labelNames` order); make it once, keep it. */
  series(values: readonly string[]): S {
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, i) => (labels[name] = values[i] ?? ''));
    const s = this.make(labels);
    this.all.push(s);
    return s;
  }

  /** Every series as prom-client's registry reads a metric. */
  get(): { name: string; help: string; type: string; aggregator: 'sum'; values: Sample[] } {
    return { name: this.name, help: this.help, type: this.type, aggregator: 'sum', values: this.all.flatMap((s) => this.samples(s)) };
  }

  /** Forget every series (prom-client's `registry.resetMetrics()`): series kept by callers stop counting. */
  reset(): void {
    this.all.length = 0;
  }

  abstract readonly type: string;
  protected abstract make(labels: Record<string, string>): S;
  protected abstract samples(s: S): Sample[];
}

class Buckets implements HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Record<string, string>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

/** A histogram whose series are made once and kept (see SeriesMetric). */
export class SeriesHistogram extends SeriesMetric<HistogramSeries> {
  readonly type = 'histogram';

  constructor(name: string, help: string, labelNames: readonly string[], private readonly bounds: readonly number[], registry: Registry) {
    super(name, help, labelNames, registry);
  }

  protected make(labels: Record<string, string>): Buckets {
    return new Buckets(labels, this.bounds);
  }

  protected samples(s: HistogramSeries): Sample[] {
    const b = s as Buckets;
    const out: Sample[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, i) => {
      cumulative += b.counts[i]!;
      out.push({ labels: { ...b.labels, le: String(bound) }, value: cumulative, metricName: `${this.name}_bucket` });
    });
    out.push({ labels: { ...b.labels, le: '+Inf' }, value: b.count, metricName: `${this.name}_bucket` });
    out.push({ labels: b.labels, value: b.sum, metricName: `${this.name}_sum` });
    out.push({ labels: b.labels, value: b.count, metricName: `${this.name}_count` });
    return out;
  }
}

class Total implements CounterSeries {
  value = 0;
  constructor(readonly labels: Record<string, string>) {}

  inc(value: number): void {
    if (Number.isFinite(value) && value >= 0) this.value += value;
  }
}

/** A counter whose series are made once and kept (see SeriesMetric). */
export class SeriesCounter extends SeriesMetric<CounterSeries> {
  readonly type = 'counter';

  protected make(labels: Record<string, string>): Total {
    return new Total(labels);
  }

  protected samples(s: CounterSeries): Sample[] {
    const t = s as Total;
    return [{ labels: t.labels, value: t.value }];
  }
}
