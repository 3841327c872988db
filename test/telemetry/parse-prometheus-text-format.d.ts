// Types for parse-prometheus-text-format (it ships none): Prometheus text format to prom2json's shape.
declare module 'parse-prometheus-text-format' {
  /** One sample of a family: a value, or a histogram's buckets, count and sum (all numbers as text). */
  export interface PrometheusSample {
    labels?: Record<string, string>;
    value?: string;
    buckets?: Record<string, string>;
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  /** One metric family. */
  export interface PrometheusFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    metrics: PrometheusSample[];
  }
  /** Parse an exposition text into its families. */
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
