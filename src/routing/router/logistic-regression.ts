import { AdamArray, adamStep } from './adam.js';
import type { Features } from './extract-features.js';
import { scaledDense, type DenseScaler, type RouterNet } from './router-net.js';

/** Logistic regression over the hashed buckets and the scaled dense statistics. */
export class LogisticRegression implements RouterNet {
  readonly kind = 'lr' as const;
  constructor(
    readonly w: Float32Array,
    readonly u: Float32Array,
    readonly bias: Float32Array,
    readonly scaler: DenseScaler,
  ) {}

  static zeros(dim: number, denseDim: number, scaler: DenseScaler): LogisticRegression {
    return new LogisticRegression(new Float32Array(dim), new Float32Array(denseDim), new Float32Array(1), scaler);
  }

  logit(f: Features): number {
    let z = this.bias[0]!;
    const w = this.w;
    for (let i = 0; i < f.n; i++) z += w[f.idx[i]!]! * f.val[i]!;
    for (let j = 0; j < this.u.length; j++) z += this.u[j]! * scaledDense(f, this.scaler, j);
    return z;
  }

  /** An epoch-wise trainer: Adam on the log loss, L2 on the weights (not the bias). */
  trainer(lr: number, l2: number): (f: Features, target: number, p: number, weight: number) => void {
    const w = new AdamArray(this.w);
    const u = new AdamArray(this.u);
    const b = new AdamArray(this.bias);
    let t = 0;
    return (f, target, p, weight) => {
      const step = adamStep(++t, lr);
      const g = (p - target) * weight;
      for (let i = 0; i < f.n; i++) w.update(f.idx[i]!, g * f.val[i]!, step, l2);
      for (let j = 0; j < this.u.length; j++) u.update(j, g * scaledDense(f, this.scaler, j), step, l2);
      b.update(0, g, step, 0);
    };
  }
}
