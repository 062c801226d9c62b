// Benjamini–Hochberg FDR, the same q as statsmodels' multipletests(method='fdr_bh'):
// q_(k) = min_{j >= k} p_(j) m / j, capped at 1, over the finite p only.

import { pMap } from './pmap';

/** The finite p values, sorted ascending, in float64. */
function sortedFinite(p: ArrayLike<number>): Float64Array {
  let m = 0;
  for (let i = 0; i < p.length; i++) if (Number.isFinite(p[i])) m++;
  const sorted = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < p.length; i++) if (Number.isFinite(p[i])) sorted[k++] = p[i];
  return sorted.sort();
}

/** Step-up BH q of each sorted p (in place-safe copy). */
function qOfSorted(sorted: Float64Array): Float64Array {
  const m = sorted.length;
  const q = new Float64Array(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const v = sorted[k] * (m / (k + 1));
    if (v < running) running = v;
    q[k] = running;
  }
  return q;
}

/** Index of the last element <= x in an ascending array (x is known to be present). */
function lastAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length; // first index with value > x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** BH q for every entry of p; NaN (and other non-finite) p stay NaN and do not count as tests. */
export function fdrBH(p: Float32Array | Float64Array): Float32Array {
  const sorted = sortedFinite(p);
  const qSorted = qOfSorted(sorted);
  const q = new Float32Array(p.length);
  // q is a function of p alone (ties share the q of the last tied rank), so look it up.
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    q[i] = Number.isFinite(v) ? qSorted[lastAtMost(sorted, v)] : NaN;
  }
  return q;
}

/**
 * The largest p that survives BH at level q (every p <= it has BH q <= level), or null when
 * nothing survives. Computed in float64, so counts do not depend on float32 rounding of q.
 */
export function fdrThresholdP(p: ArrayLike<number>, level: number): number | null {
  const sorted = sortedFinite(p);
  const m = sorted.length;
  for (let k = m - 1; k >= 0; k--) {
    if (sorted[k] * (m / (k + 1)) <= level) return sorted[k];
  }
  return null;
}

/**
 * The |t| cut that BH at level q implies for a t map: the smallest |t| (one-sided: smallest t)
 * among voxels with q <= level, as reference.py reports it; Infinity when none survive.
 * Uses the same float32 p map as fdrBH(pMap(...)), so the cut agrees with the q map shown.
 */
export function fdrThresholdT(t: Float32Array, dof: number, level: number, sided: 1 | 2): number {
  const p = pMap(t, dof, sided);
  const cut = fdrThresholdP(p, level);
  if (cut === null) return Infinity;
  let best = Infinity;
  for (let i = 0; i < t.length; i++) {
    if (p[i] <= cut) {
      const a = sided === 2 ? Math.abs(t[i]) : t[i];
      if (a < best) best = a;
    }
  }
  return best;
}
