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
  if (p instanceof Float32Array) return fdrBH32(p);
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
 * fdrBH for float32 p: an index sort (radix, on the float bits) of the finite p, then one
 * backward pass writing each q straight to its voxel. Same q as the lookup form above, bit for bit.
 */
function fdrBH32(p: Float32Array): Float32Array {
  const { index } = sortFinite32(p);
  const m = index.length;
  const q = new Float32Array(p.length).fill(NaN);
  let running = 1;
  let prevP = NaN;
  let prevQ = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = index[k];
    const pk = p[i];
    const v = pk * (m / (k + 1));
    if (v < running) running = v;
    // Ties share the q of their last rank (as the lookup form gives), whatever `running` does.
    const qk = pk === prevP ? prevQ : running;
    q[i] = qk;
    prevP = pk;
    prevQ = qk;
  }
  return q;
}

/**
 * Indices of the finite entries of p in ascending order of p (stable; -0 before +0, as
 * Float64Array.prototype.sort orders them): LSD radix sort, 11 + 11 + 10 bits, on the float
 * bits read as int32 with negative floats' magnitude bits flipped (so int order = float order;
 * int32 keeps every value a small integer for the JIT). Passes where all keys share a digit are skipped.
 */
function sortFinite32(p: Float32Array): { index: Int32Array } {
  const bits = new Int32Array(p.buffer, p.byteOffset, p.length);
  const n = p.length;
  const h0 = new Int32Array(2048);
  const h1 = new Int32Array(2048);
  const h2 = new Int32Array(1024);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const b = bits[i];
    if ((b & 0x7f800000) === 0x7f800000) continue; // NaN or ±Infinity
    const key = b < 0 ? b ^ 0x7fffffff : b;
    h0[key & 2047]++;
    h1[(key >> 11) & 2047]++;
    h2[((key >> 22) & 1023) ^ 512]++;
    m++;
  }
  let keys = new Int32Array(m);
  let index = new Int32Array(m);
  for (let i = 0, w = 0; i < n; i++) {
    const b = bits[i];
    if ((b & 0x7f800000) === 0x7f800000) continue;
    keys[w] = b < 0 ? b ^ 0x7fffffff : b;
    index[w++] = i;
  }
  let keys2 = new Int32Array(m);
  let index2 = new Int32Array(m);
  const passes: [Int32Array, number, number][] = [
    [h0, 0, 0],
    [h1, 11, 0],
    [h2, 22, 512], // top digit: flip the sign bit so negative keys come first
  ];
  for (const [h, shift, flip] of passes) {
    const mask = h.length - 1;
    if (m === 0 || h[((keys[0] >> shift) & mask) ^ flip] === m) continue; // one digit value: nothing would move
    let sum = 0;
    for (let d = 0; d < h.length; d++) {
      const c = h[d];
      h[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const key = keys[k];
      const at = h[((key >> shift) & mask) ^ flip]++;
      keys2[at] = key;
      index2[at] = index[k];
    }
    [keys, keys2] = [keys2, keys];
    [index, index2] = [index2, index];
  }
  return { index };
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
