import { parseTimeOption } from '../../reports/parse-time-option.js';
import { ReportOptionError } from '../../reports/report-option-error.js';
import { invalid } from '../openai/read-fields.js';

/**
 * `since` and `until` from an admin query string, in the reports' forms (`30d`, `12h`, an ISO date or
 * time): `[since, until)` in unix ms, `until` defaulting to now. A bad value is 400 naming it.
 */
export function readTimeRange(params: URLSearchParams, now: number, defaultSince: string): { since: number; until: number } {
  const since = readTime(params.get('since') ?? defaultSince, now, 'since');
  const untilText = params.get('until');
  const until = untilText === null || untilText === '' ? now : readTime(untilText, now, 'until');
  if (until <= since) throw invalid('since', `must be before until (${new Date(until).toISOString()}).`);
  return { since, until };
}

/** One time option, as unix ms; 400 naming the option when it is not a span or a date. */
export function readTime(text: string, now: number, option: string): number {
  try {
    return parseTimeOption(text, now, option);
  } catch (err) {
    if (err instanceof ReportOptionError) throw invalid(option, err.describe('api'));
    throw err;
  }
}

/** One of a closed set of values, or the default when absent; 400 naming the parameter otherwise. */
export function readChoice<T extends string>(params: URLSearchParams, name: string, choices: readonly T[], fallback?: T): T | undefined {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if (!(choices as readonly string[]).includes(value)) throw invalid(name, `expected ${choices.map((c) => `'${c}'`).join(', ')}.`);
  return value as T;
}
