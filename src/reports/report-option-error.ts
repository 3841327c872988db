/** A bad report option (`--since`, `--by`, `--format`, the baseline): the CLI exits 2, the admin API answers 400. */
export class ReportOptionError extends Error {
  constructor(
    /** The option at fault, as the user wrote it (`since`, `by`, `format`, `baseline`). */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReportOptionError';
  }
}
