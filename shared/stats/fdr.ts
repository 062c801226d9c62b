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
  const q = new Float32Array(p.length).fill(NaN);
  stepUp32(p, index, q);
  return q;
}

/** The backward BH pass over the sorted indices, writing each q to its voxel. */
function stepUp32(p: Float32Array, index: Int32Array, q: Float32Array): void {
  const m = index.length;
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
}

/**
 * Indices of the finite entries of p in ascending order of p (stable; -0 before +0, as
 * Float64Array.prototype.sort orders them): LSD radix sort, 11 + 11 + 10 bits, on the float
 * bits read as int32 with negative floats' magnitude bits flipped (so int order = float order;
 * int32 keeps every value a small integer for the JIT). Passes where all keys share a digit are skipped.
 */
function sortFinite32(p: Float32Array): { index: Int32Array } {
  // Each loop is its own small function: V8 optimises a long function with several big loops
  // one loop at a time (OSR) and deoptimises on reaching the next, which made the first calls ~5x slower.
  const bits = new Int32Array(p.buffer, p.byteOffset, p.length);
  const h0 = new Int32Array(2048);
  const h1 = new Int32Array(2048);
  const h2 = new Int32Array(1024);
  const m = histogram32(bits, h0, h1, h2);
  const [k1, i1, k2, i2] = radixScratch(m);
  gatherKeys32(bits, k1, i1);
  let keys = k1;
  let index = i1;
  let keys2 = k2;
  let index2 = i2;
  const passes: [Int32Array, number, number][] = [
    [h0, 0, 0],
    [h1, 11, 0],
    [h2, 22, 512], // top digit: flip the sign bit so negative keys come first
  ];
  for (const [h, shift, flip] of passes) {
    if (m === 0 || h[((keys[0] >> shift) & (h.length - 1)) ^ flip] === m) continue; // one digit value: nothing would move
    radixPass(h, shift, flip, keys, index, keys2, index2);
    [keys, keys2] = [keys2, keys];
    [index, index2] = [index2, index];
  }
  // A view into the shared scratch: valid until the next call (callers are synchronous).
  return { index };
}

/** Order-preserving int32 key of float bits (negative floats' magnitude bits flipped). */
function key32(b: number): number {
  return b < 0 ? b ^ 0x7fffffff : b;
}

/** Digit histograms of the finite entries; returns how many are finite. */
function histogram32(bits: Int32Array, h0: Int32Array, h1: Int32Array, h2: Int32Array): number {
  let m = 0;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    if ((b & 0x7f800000) === 0x7f800000) continue; // NaN or ±Infinity
    const key = key32(b);
    h0[key & 2047]++;
    h1[(key >> 11) & 2047]++;
    h2[((key >> 22) & 1023) ^ 512]++;
    m++;
  }
  return m;
}

function gatherKeys32(bits: Int32Array, keys: Int32Array, index: Int32Array): void {
  for (let i = 0, w = 0; i < bits.length; i++) {
    const b = bits[i];
    if ((b & 0x7f800000) === 0x7f800000) continue;
    keys[w] = key32(b);
    index[w++] = i;
  }
}

/** One stable counting-sort pass on the digit at `shift` (h: that digit's histogram, turned into offsets). */
function radixPass(h: Int32Array, shift: number, flip: number, keys: Int32Array, index: Int32Array, keysOut: Int32Array, indexOut: Int32Array): void {
  const mask = h.length - 1;
  let sum = 0;
  for (let d = 0; d < h.length; d++) {
    const c = h[d];
    h[d] = sum;
    sum += c;
  }
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const at = h[((key >> shift) & mask) ^ flip]++;
    keysOut[at] = key;
    indexOut[at] = index[k];
  }
}

/**
 * Scratch for sortFinite32, kept between calls: fresh multi-megabyte typed arrays cost more in
 * page faults than the sort itself (and the viewer recomputes q on every contrast change).
 */
let scratch: Int32Array | null = null;
const KEEP_SCRATCH_MAX = 1 << 24; // entries; bigger sorts allocate and let go

function radixScratch(m: number): [Int32Array, Int32Array, Int32Array, Int32Array] {
  let buf: Int32Array;
  if (m > KEEP_SCRATCH_MAX) buf = new Int32Array(4 * m);
  else {
    if (!scratch || scratch.length < 4 * m) scratch = new Int32Array(4 * Math.max(m, 1 << 16));
    buf = scratch;
  }
  return [buf.subarray(0, m), buf.subarray(m, 2 * m), buf.subarray(2 * m, 3 * m), buf.subarray(3 * m, 4 * m)];
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
