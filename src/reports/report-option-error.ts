/** Where a report option was given: a CLI flag (`--since`) or an admin API query parameter (`since`). */
export type OptionSurface = 'cli' | 'api';

/**
 * A bad report option (`since`, `by`, `format`, the baseline): the CLI exits 2, the admin API answers 400.
 * The message names the option as the caller wrote it: `--since` on the command line, `since` in a query
 * string. In `reason`, `{name}` stands for another option, named the same way.
 */
export class ReportOptionError extends Error {
  constructor(
    /** The option at fault (`since`, `by`, `format`, `baseline`; `report` for the report's name). */
    readonly option: string,
    /** What it held, when that is what is wrong. */
    readonly value: string | undefined,
    readonly reason: string,
  ) {
    super('');
    this.name = 'ReportOptionError';
    this.message = this.describe('cli');
  }

  /** `--since 'x': expected …` for the CLI; `expected … (got 'x')` for the API, whose error names the parameter. */
  describe(surface: OptionSurface): string {
    const name = (option: string) => (surface === 'cli' ? `--${option}` : `the ${option} parameter`);
    const reason = this.reason.replace(/\{(\w+)\}/g, (_, option: string) => name(option));
    if (this.value === undefined) return reason;
    return surface === 'cli' ? `${name(this.option)} '${this.value}': ${reason}` : `${reason} (got '${this.value}')`;
  }
}
