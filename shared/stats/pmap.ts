// p maps from t maps. Only finite t are evaluated; log B(dof/2, 1/2) is computed once per dof.

import { incompleteBeta, logBeta } from './tdist';

/** Largest integer dof for the closed-form series (its cost grows with dof/2 terms). */
const SERIES_MAX_DOF = 200;
/** Below this the 1 - A form has lost too many digits; the continued fraction takes over. */
const SERIES_MIN_P = 1e-5;

/**
 * Two-sided p for integer dof by the finite series of Abramowitz & Stegun 26.7.3/26.7.4
 * (one atan, one sqrt and dof/2 multiply-adds: ~5x cheaper than the continued fraction).
 * Returns NaN where the result would be less accurate than the continued fraction.
 */
function seriesTwoSided(absT: number, dof: number): number {
  const denom = dof + absT * absT;
  const c = dof / denom; // cos²θ
  let a: number;
  if (dof % 2 === 0) {
    const s = absT / Math.sqrt(denom); // sinθ
    let u = 1;
    let sum = 1;
    for (let k = 1; k < dof / 2; k++) {
      u *= (c * (2 * k - 1)) / (2 * k);
      sum += u;
    }
    a = s * sum;
  } else {
    const theta = Math.atan(absT / Math.sqrt(dof));
    let sum = 0;
    if (dof > 1) {
      let w = 1;
      sum = 1;
      for (let k = 1; k <= (dof - 3) / 2; k++) {
        w *= (c * 2 * k) / (2 * k + 1);
        sum += w;
      }
      sum *= (absT / Math.sqrt(denom)) * Math.sqrt(c);
    }
    a = (2 / Math.PI) * (theta + sum);
  }
  const p = 1 - a;
  return p >= SERIES_MIN_P ? p : NaN;
}

/**
 * p for every voxel of a t map: one-sided = P(T > t), two-sided = P(|T| > |t|). NaN t gives NaN p.
 * `dof` is one number, or a map of per-voxel dof (Welch).
 */
export function pMap(
  t: Float32Array,
  dof: number | Float32Array,
  sided: 1 | 2,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Float32Array {
  const p = new Float32Array(t.length);
  pMapRange(t, dof, sided, 0, t.length, p, options);
  return p;
}

/**
 * pMap for voxels start..end-1 only, written into `p` (full length) at those voxels; the rest of
 * `p` is untouched. Ranges split across threads give the same bits as one pMap call.
 */
export function pMapRange(
  t: Float32Array,
  dof: number | Float32Array,
  sided: 1 | 2,
  from: number,
  to: number,
  p: Float32Array,
  options: { onProgress?: (done: number, total: number) => void } = {},
): void {
  const n = t.length;
  const fixed = typeof dof === 'number';
  const lnBetaFixed = fixed ? logBeta(dof / 2, 0.5) : 0;
  const useSeries = fixed && Number.isInteger(dof) && dof <= SERIES_MAX_DOF;
  const step = 1 << 16;
  for (let start = from; start < to; start += step) {
    const end = Math.min(to, start + step);
    for (let i = start; i < end; i++) {
      const ti = t[i];
      const df = fixed ? dof : dof[i];
      if (!(ti === ti) || !(df > 0)) {
        p[i] = NaN;
        continue;
      }
      if (!Number.isFinite(ti)) {
        p[i] = sided === 2 || ti > 0 ? 0 : 1;
        continue;
      }
      let twoTail = useSeries ? seriesTwoSided(Math.abs(ti), df) : NaN;
      if (!(twoTail === twoTail)) {
        const t2 = ti * ti;
        const denom = df + t2;
        twoTail = incompleteBeta(df / 2, 0.5, df / denom, t2 / denom, fixed ? lnBetaFixed : logBeta(df / 2, 0.5));
      }
      p[i] = sided === 2 ? Math.min(1, twoTail) : ti > 0 ? 0.5 * twoTail : 1 - 0.5 * twoTail;
    }
    options.onProgress?.(end, n);
  }
}
