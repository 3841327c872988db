import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';

/**
 * A /metrics text as metric families, through parse-prometheus-text-format. That parser keeps the labels
 * of counters and gauges but merges a labelled histogram's series into one unlabelled sample, so histogram
 * families are handed to it as untyped (their `_bucket`, `_sum` and `_count` series then come back apart,
 * labels kept, each label set's lines a family of their own) and put back together here, one sample per
 * label set, as the parser would give them.
 */
export function readMetrics(text: string): PrometheusFamily[] {
  const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((m) => m[1]!));
  const parsed = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'));
  const byName = new Map<string, PrometheusSample[]>();
  for (const f of parsed) byName.set(f.name, [...(byName.get(f.name) ?? []), ...f.metrics]);
  const out: PrometheusFamily[] = [];
  for (const f of parsed) {
    if (histograms.has(f.name)) out.push(histogram(f, byName));
    else if (![...histograms].some((h) => f.name === `${h}_bucket` || f.name === `${h}_sum` || f.name === `${h}_count`)) out.push(f);
  }
  return out;
}

function histogram(head: PrometheusFamily, byName: ReadonlyMap<string, PrometheusSample[]>): PrometheusFamily {
  const samples = new Map<string, PrometheusSample & { labels: Record<string, string> }>();
  const entry = (labels: Record<string, string> = {}) => {
    const key = JSON.stringify(Object.entries(labels).sort());
    let s = samples.get(key);
    if (!s) samples.set(key, (s = { labels, buckets: {} }));
    return s;
  };
  for (const m of byName.get(`${head.name}_bucket`) ?? []) {
    const { le, ...labels } = m.labels ?? {};
    entry(labels).buckets![le!] = m.value!;
  }
  for (const m of byName.get(`${head.name}_sum`) ?? []) entry(m.labels).sum = m.value!;
  for (const m of byName.get(`${head.name}_count`) ?? []) entry(m.labels).count = m.value!;
  return { name: head.name, help: head.help, type: 'HISTOGRAM', metrics: [...samples.values()] };
}
