import { AdamArray, adamStep } from './adam.js';
import type { Features } from './extract-features.js';
import { scaledDense, type DenseScaler, type RouterNet } from './router-net.js';

/**
 * A wide-and-deep scorer: the logistic regression's linear part plus one small ReLU hidden layer over the same
 * inputs (hashed buckets and scaled dense statistics). Hidden weights are stored bucket-major: w1[bucket * h + j].
 */
export class SmallMlp implements RouterNet {
  readonly kind = 'mlp' as const;
  readonly #hidden: Float32Array;

  constructor(
    readonly hiddenSize: number,
    readonly w: Float32Array,
    readonly u: Float32Array,
    readonly bias: Float32Array,
    readonly w1: Float32Array,
    readonly u1: Float32Array,
    readonly b1: Float32Array,
    readonly w2: Float32Array,
    readonly scaler: DenseScaler,
  ) {
    this.#hidden = new Float32Array(hiddenSize);
  }

  static init(dim: number, denseDim: number, hidden: number, scaler: DenseScaler, random: () => number): SmallMlp {
    const rnd = (n: number, s: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * s);
    return new SmallMlp(
      hidden,
      new Float32Array(dim),
      new Float32Array(denseDim),
      new Float32Array(1),
      rnd(dim * hidden, 0.05),
      rnd(denseDim * hidden, 0.2),
      new Float32Array(hidden),
      rnd(hidden, 0.1),
      scaler,
    );
  }

  #forward(f: Features): number {
    const h = this.hiddenSize;
    const hid = this.#hidden;
    hid.set(this.b1);
    let z = this.bias[0]!;
    for (let i = 0; i < f.n; i++) {
      const b = f.idx[i]!;
      const v = f.val[i]!;
      z += this.w[b]! * v;
      const base = b * h;
      for (let j = 0; j < h; j++) hid[j] = hid[j]! + this.w1[base + j]! * v;
    }
    for (let k = 0; k < this.u.length; k++) {
      const d = scaledDense(f, this.scaler, k);
      z += this.u[k]! * d;
      const base = k * h;
      for (let j = 0; j < h; j++) hid[j] = hid[j]! + this.u1[base + j]! * d;
    }
    for (let j = 0; j < h; j++) if (hid[j]! > 0) z += this.w2[j]! * hid[j]!;
    return z;
  }

  logit(f: Features): number {
    return this.#forward(f);
  }

  trainer(lr: number, l2: number): (f: Features, target: number, p: number, weight: number) => void {
    const opt = {
      w: new AdamArray(this.w),
      u: new AdamArray(this.u),
      b: new AdamArray(this.bias),
      w1: new AdamArray(this.w1),
      u1: new AdamArray(this.u1),
      b1: new AdamArray(this.b1),
      w2: new AdamArray(this.w2),
    };
    const h = this.hiddenSize;
    const gh = new Float32Array(h);
    let t = 0;
    return (f, target, _p, weight) => {
      const p = 1 / (1 + Math.exp(-this.#forward(f)));
      const step = adamStep(++t, lr);
      const g = (p - target) * weight;
      const hid = this.#hidden;
      for (let j = 0; j < h; j++) {
        gh[j] = hid[j]! > 0 ? g * this.w2[j]! : 0;
        opt.w2.update(j, hid[j]! > 0 ? g * hid[j]! : 0, step, l2);
        opt.b1.update(j, gh[j]!, step, 0);
      }
      for (let i = 0; i < f.n; i++) {
        const b = f.idx[i]!;
        const v = f.val[i]!;
        opt.w.update(b, g * v, step, l2);
        const base = b * h;
        for (let j = 0; j < h; j++) if (gh[j] !== 0) opt.w1.update(base + j, gh[j]! * v, step, l2);
      }
      for (let k = 0; k < this.u.length; k++) {
        const d = scaledDense(f, this.scaler, k);
        opt.u.update(k, g * d, step, l2);
        const base = k * h;
        for (let j = 0; j < h; j++) if (gh[j] !== 0) opt.u1.update(base + j, gh[j]! * d, step, l2);
      }
      opt.b.update(0, g, step, 0);
    };
  }
}
