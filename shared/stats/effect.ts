// Effect sizes and per-condition summaries for ROI panels (scalar versions of the voxel maps).

import { tToP } from './tdist';
import { hedgesCorrection } from './ttest';

export interface Description {
  mean: number;
  /** Sample SD (n - 1); NaN when n < 2. */
  sd: number;
  /** Number of finite values (NaN/Infinity are ignored). */
  n: number;
}

/** Mean, SD and n of the finite values. */
export function describe(values: ArrayLike<number>): Description {
  let n = 0;
  let shift = NaN;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (n === 0) shift = v;
    const x = v - shift;
    sum += x;
    sq += x * x;
    n++;
  }
  if (n === 0) return { mean: NaN, sd: NaN, n: 0 };
  const mean = shift + sum / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (sq - (sum * sum) / n) / (n - 1))) : NaN;
  return { mean, sd, n };
}

/**
 * Approximate 95% CI of Cohen's dz from n pairs: dz ± 1.959964 · SE with
 * SE = sqrt(1/n + dz²/(2n)) (large-sample normal approximation; no noncentral t).
 * For n = 24 and dz = 0.5: [0.0757, 0.9243] vs the exact noncentral-t [0.0701, 0.9203] (scipy nct).
 */
export function cohenDzCI(dz: number, n: number): { low: number; high: number; se: number } {
  if (!Number.isFinite(dz) || !(n > 1)) return { low: NaN, high: NaN, se: NaN };
  const se = Math.sqrt(1 / n + (dz * dz) / (2 * n));
  return { low: dz - Z975 * se, high: dz + Z975 * se, se };
}

const Z975 = 1.959963984540054;

/** Hedges' g of mean(a) - mean(b): pooled-SD standardized difference times J(nA + nB - 2). */
export function hedgesG(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const da = describe(a);
  const db = describe(b);
  const df = da.n + db.n - 2;
  if (da.n < 2 || db.n < 2) return NaN;
  const pooled = Math.sqrt(((da.n - 1) * da.sd * da.sd + (db.n - 1) * db.sd * db.sd) / df);
  if (!(pooled > 0)) return NaN;
  return ((da.mean - db.mean) / pooled) * hedgesCorrection(df);
}

export interface PairedTestResult {
  /** mean of a - b */
  meanDiff: number;
  sdDiff: number;
  t: number;
  /** two-sided */
  p: number;
  dof: number;
  dz: number;
  dzLow: number;
  dzHigh: number;
  /** pairs used (pairs with a non-finite value in either condition are dropped) */
  n: number;
  meanA: number;
  meanB: number;
  sdA: number;
  sdB: number;
}

/** Paired t of a[i] - b[i] for one ROI (one value per subject and condition). */
export function pairedTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTestResult {
  if (a.length !== b.length) throw new RangeError(`paired test needs equal lengths (${a.length} vs ${b.length})`);
  const keptA: number[] = [];
  const keptB: number[] = [];
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      keptA.push(a[i]);
      keptB.push(b[i]);
      diff.push(a[i] - b[i]);
    }
  }
  const d = describe(diff);
  const da = describe(keptA);
  const db = describe(keptB);
  const n = d.n;
  const ok = n > 1 && d.sd > 0;
  const t = ok ? (d.mean / d.sd) * Math.sqrt(n) : NaN;
  const dz = ok ? d.mean / d.sd : NaN;
  const ci = cohenDzCI(dz, n);
  return {
    meanDiff: d.mean,
    sdDiff: d.sd,
    t,
    p: ok ? tToP(t, n - 1, 2) : NaN,
    dof: n - 1,
    dz,
    dzLow: ci.low,
    dzHigh: ci.high,
    n,
    meanA: da.mean,
    meanB: db.mean,
    sdA: da.sd,
    sdB: db.sd,
  };
}
