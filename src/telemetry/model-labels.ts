/** Model names outside the configured ones that may become label values; later ones count as `other`. */
export const MAX_UNCONFIGURED_MODEL_LABELS = 100;

/** The label value every model name past the cap, or never served, shares. */
export const OTHER_MODEL = 'other';

/**
 * Bounded model label values. A name the config lists (a model, a route, a deployment's upstream model)
 * is always its own label value. Any other name is the client's to choose, so it gets a value of its own
 * only once a deployment has served it (a real model, e.g. `deepseek/deepseek-chat` addressed directly),
 * and only for the first `cap` such names; the rest, and every name never served, share `other`. A
 * million requests for made-up models therefore add one series, not a million.
 */
export class ModelLabels {
  private readonly known: ReadonlySet<string>;
  private readonly extra = new Set<string>();

  constructor(
    known: Iterable<string>,
    private readonly cap = MAX_UNCONFIGURED_MODEL_LABELS,
  ) {
    this.known = new Set(known);
  }

  /** The label value for `name`; `served`: a deployment answered the request under this name. */
  label(name: string | undefined, served: boolean): string {
    if (!name) return '';
    if (this.known.has(name) || this.extra.has(name)) return name;
    if (!served || this.extra.size >= this.cap) return OTHER_MODEL;
    this.extra.add(name);
    return name;
  }
}
