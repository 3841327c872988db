/** Adam with lazy (touched-coordinates-only) updates and L2 decay, for one flat parameter array. */
export class AdamArray {
  readonly w: Float32Array;
  readonly #m: Float32Array;
  readonly #v: Float32Array;

  constructor(w: Float32Array) {
    this.w = w;
    this.#m = new Float32Array(w.length);
    this.#v = new Float32Array(w.length);
  }

  /** Apply gradient g to coordinate i at step t (1-based) with learning rate lr and L2 strength l2. */
  update(i: number, g: number, t: AdamStep, l2: number): void {
    const w = this.w;
    const grad = g + l2 * w[i]!;
    const m = (this.#m[i] = 0.9 * this.#m[i]! + 0.1 * grad);
    const v = (this.#v[i] = 0.999 * this.#v[i]! + 0.001 * grad * grad);
    w[i] = w[i]! - (t.lr * (m / t.c1)) / (Math.sqrt(v / t.c2) + 1e-8);
  }
}

/** The step's learning rate and bias corrections, computed once per step. */
export interface AdamStep {
  lr: number;
  c1: number;
  c2: number;
}

export function adamStep(t: number, lr: number): AdamStep {
  return { lr, c1: 1 - 0.9 ** t, c2: 1 - 0.999 ** t };
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
