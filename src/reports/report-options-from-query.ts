import type { ReportOptions } from './report-types.js';

/**
 * Report options from an admin API query string (`?since=7d&by=team&baseline=openai/gpt-5`); the config's
 * baseline applies when the query names none.
 */
export function reportOptionsFromQuery(params: URLSearchParams, configBaseline?: string): ReportOptions {
  const get = (name: string) => params.get(name) ?? undefined;
  const baseline = get('baseline') ?? configBaseline;
  return {
    ...(get('since') !== undefined && { since: get('since') }),
    ...(get('until') !== undefined && { until: get('until') }),
    ...(get('by') !== undefined && { by: get('by') }),
    ...(baseline !== undefined && { baseline }),
  };
}
