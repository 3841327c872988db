import { describe, expect, it } from 'vitest';
import { parseTimeOption } from '../../src/reports/parse-time-option.js';
import { ReportOptionError } from '../../src/reports/report-option-error.js';
import { reportOptionsFromQuery } from '../../src/reports/report-options-from-query.js';
import { DAY, NOW } from './hand-ledger.js';

describe('parseTimeOption', () => {
  it('reads spans back from now', () => {
    expect(parseTimeOption('30d', NOW)).toBe(NOW - 30 * DAY);
    expect(parseTimeOption('12h', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseTimeOption(' 0d ', NOW)).toBe(NOW);
  });

  it('reads ISO dates and times as UTC unless a zone is given', () => {
    expect(parseTimeOption('2025-06-01', NOW)).toBe(Date.UTC(2025, 5, 1));
    expect(parseTimeOption('2025-06-01T06:30:00', NOW)).toBe(Date.UTC(2025, 5, 1, 6, 30));
    expect(parseTimeOption('2025-06-01T06:30:00Z', NOW)).toBe(Date.UTC(2025, 5, 1, 6, 30));
    expect(parseTimeOption('2025-06-01T06:30:00+02:00', NOW)).toBe(Date.UTC(2025, 5, 1, 4, 30));
  });

  it('names the option it rejects', () => {
    for (const bad of ['30', 'd', '3w', '-1d', '1.5d', '2025-13-45', 'June']) {
      const err = (() => {
        try {
          parseTimeOption(bad, NOW, 'until');
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err, bad).toBeInstanceOf(ReportOptionError);
      expect((err as ReportOptionError).option).toBe('until');
      expect((err as ReportOptionError).message).toContain(`--until '${bad}'`);
    }
  });
});

describe('reportOptionsFromQuery', () => {
  it('takes since, until, by and baseline from a query string, the config baseline as default', () => {
    expect(reportOptionsFromQuery(new URLSearchParams('since=7d&by=team'), 'openai/gpt-5')).toEqual({ since: '7d', by: 'team', baseline: 'openai/gpt-5' });
    expect(reportOptionsFromQuery(new URLSearchParams('baseline=deepseek-v3.1&until=2025-06-30'))).toEqual({ until: '2025-06-30', baseline: 'deepseek-v3.1' });
    expect(reportOptionsFromQuery(new URLSearchParams(''))).toEqual({});
  });
});
