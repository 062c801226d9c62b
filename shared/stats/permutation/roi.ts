// Exact sign-flip p of one mean difference (an ROI's per-subject A - B means). Sum d_i^2 is the
// same under every flip, so |t| grows with |sum s_i d_i| and the test on the mean is the test on t.
// All 2^n flips up to maxExact subjects (exact p); beyond, seeded random flips with the identity
// counted, p = (1 + #{null >= observed}) / N, as the voxelwise engine.
import { randomFlips } from './flips';

export interface SignFlipP {
  p: number;
  /** flips the p is over (2^n when exact) */
  n: number;
  exact: boolean;
}

/** |S_flip| >= |S_obs| up to rounding of the sums (1e-12 relative), so mathematically tied flips count. */
const TIE = 1e-12;

export function signFlipP(d: ArrayLike<number>, options: { maxExact?: number; nPerm?: number; seed?: number; oneSided?: boolean } = {}): SignFlipP {
  const K = d.length;
  if (K < 1) throw new RangeError('no subjects');
  const one = options.oneSided === true;
  let obs = 0;
  for (let i = 0; i < K; i++) obs += d[i];
  const stat = (s: number) => (one ? s : Math.abs(s));
  const x = stat(obs);
  const edge = x - TIE * Math.max(Math.abs(x), 1e-300);
  if (K <= (options.maxExact ?? 20)) {
    const n = 2 ** K;
    let count = 0;
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let i = 0; i < K; i++) s += (r >> i) & 1 ? -d[i] : d[i];
      if (stat(s) >= edge) count++;
    }
    return { p: count / n, n, exact: true };
  }
  const N = options.nPerm ?? 10000;
  const rows = randomFlips(K, N, options.seed ?? 1);
  let count = 0;
  for (let r = 1; r < N; r++) {
    let s = 0;
    for (let i = 0; i < K; i++) s += rows[r * K + i] * d[i];
    if (stat(s) >= edge) count++;
  }
  return { p: (1 + count) / N, n: N, exact: false };
}
