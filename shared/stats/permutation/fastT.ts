// Approximate t maps for many permutation rows at once. A paired flip leaves sum d_i^2 = Q unchanged,
// so t needs only S = sum_i s_i d_i: t = S sqrt((K-1)/K) / sqrt(Q - S^2/K). The subjects are split
// into groups of `bits`; for a block of voxels a table holds every group's 2^bits signed partial
// sums, so S costs one load and add per group instead of one multiply-add per subject. The result
// differs from the reference's order of operations by rounding only (~1e-14 relative); the engine
// recomputes the exact t wherever a decision (maximum, threshold, TFCE level) lies that close.
import type { PermData } from './design';
import { welchTExact } from './design';

export const BLOCK = 256;

export interface FastT {
  data: PermData;
  bits: number;
  groups: number;
  /** sum of squares per tested voxel (paired) */
  Q: Float64Array;
  table: Float64Array;
  codes: Int32Array;
  sums: Float64Array;
}

/** Group size minimising table building (2^bits per group per block) plus lookups, for rows per block. */
export function chooseBits(K: number, rowsPerBlock: number): number {
  let best = 1;
  let bestCost = Infinity;
  for (let b = 1; b <= Math.min(10, K); b++) {
    const g = Math.ceil(K / b);
    const cost = (g * 2 ** b) / rowsPerBlock + g;
    if (cost < bestCost) {
      bestCost = cost;
      best = b;
    }
  }
  return best;
}

export function fastT(data: PermData, rowsPerBlock: number): FastT {
  const { K, V, y } = data;
  const bits = chooseBits(K, rowsPerBlock);
  const groups = Math.ceil(K / bits);
  const Q = new Float64Array(V);
  for (let i = 0; i < K; i++) {
    const o = i * V;
    for (let v = 0; v < V; v++) Q[v] += y[o + v] * y[o + v];
  }
  return { data, bits, groups, Q, table: new Float64Array(groups * 2 ** bits * BLOCK), codes: new Int32Array(0), sums: new Float64Array(BLOCK) };
}

/**
 * Calls visit(row, v0, n, t) for every block of BLOCK voxels and every row r0..r1-1 (block-major, so
 * each block's table serves all rows); t[0..n) = approximate t of voxels v0..v0+n-1.
 */
export function forEachBlock(f: FastT, rows: Int8Array, r0: number, r1: number, visit: (row: number, v0: number, n: number, t: Float64Array) => void, tablesOnly = false, maps?: Float64Array): void {
  const { data, bits, groups, Q, table, sums } = f;
  const { K, V, y } = data;
  const C = 2 ** bits;
  const nRows = r1 - r0;
  if (data.design === 'two-group') {
    for (let v0 = 0; v0 < V; v0 += BLOCK) {
      const n = Math.min(BLOCK, V - v0);
      for (let r = r0; r < r1; r++) {
        for (let b = 0; b < n; b++) sums[b] = welchTExact(y, v0 + b, V, rows, r * K, K, data.nA);
        if (maps) maps.set(sums.subarray(0, n), (r - r0) * V + v0);
        else visit(r, v0, n, sums);
      }
    }
    return;
  }
  if (f.codes.length < nRows * groups) f.codes = new Int32Array(nRows * groups);
  const codes = f.codes;
  for (let r = 0; r < nRows; r++) {
    for (let g = 0; g < groups; g++) {
      let c = 0;
      for (let j = 0; j < bits; j++) {
        const i = g * bits + j;
        if (i < K && rows[(r0 + r) * K + i] < 0) c |= 1 << j;
      }
      codes[r * groups + g] = c * BLOCK;
    }
  }
  const scale = Math.sqrt((K - 1) / K);
  const invK = 1 / K;
  for (let v0 = 0; v0 < V; v0 += BLOCK) {
    const n = Math.min(BLOCK, V - v0);
    for (let g = 0; g < groups; g++) {
      const base = g * C * BLOCK;
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let j = 0; j < bits; j++) {
          const i = g * bits + j;
          if (i < K) s += y[i * V + v0 + b];
        }
        table[base + b] = s;
      }
      for (let c = 1; c < C; c++) {
        const low = 31 - Math.clz32(c & -c);
        const i = g * bits + low;
        const dst = base + c * BLOCK;
        const src = base + (c & (c - 1)) * BLOCK;
        if (i >= K) {
          for (let b = 0; b < n; b++) table[dst + b] = table[src + b];
        } else {
          const yo = i * V + v0;
          for (let b = 0; b < n; b++) table[dst + b] = table[src + b] - 2 * y[yo + b];
        }
      }
    }
    if (tablesOnly) {
      // the caller reads the block's tables itself (scanRows)
      visit(r0, v0, n, sums);
      continue;
    }
    for (let r = 0; r < nRows; r++) {
      const co = r * groups;
      let o = codes[co];
      for (let b = 0; b < n; b++) sums[b] = table[o + b];
      for (let g = 1; g < groups; g++) {
        o = g * C * BLOCK + codes[co + g];
        for (let b = 0; b < n; b++) sums[b] += table[o + b];
      }
      if (maps) {
        const mo = r * V + v0;
        for (let b = 0; b < n; b++) {
          const S = sums[b];
          const ss = Q[v0 + b] - S * S * invK;
          maps[mo + b] = (S * scale) / Math.sqrt(ss > 0 ? ss : 0);
        }
        continue;
      }
      for (let b = 0; b < n; b++) {
        const S = sums[b];
        const ss = Q[v0 + b] - S * S * invK;
        sums[b] = (S * scale) / Math.sqrt(ss > 0 ? ss : 0);
      }
      visit(r0 + r, v0, n, sums);
    }
  }
}

/** Per-row state of the max-T / cluster scan (see scanRows). */
export interface ScanState {
  oneSided: boolean;
  runMax: Float64Array;
  /** voxels whose approximate statistic came within the tolerance of the running maximum */
  cand: number[][];
  /** voxels whose approximate statistic exceeded lo (cluster candidates), or null */
  supra: number[][] | null;
  lo: number;
  tol: (x: number) => number;
}

/**
 * The max-T (and cluster-candidate) scan of paired rows r0..r1-1 without writing t maps: S from 3 or
 * 4 table lookups, and no division or square root unless the voxel can matter (|t| >= e compared as
 * S^2 (K-1)/K >= e^2 (Q - S^2/K)). Other designs or group counts go through forEachBlock.
 */
export function scanRows(f: FastT, rows: Int8Array, r0: number, r1: number, st: ScanState): void {
  const { data, groups } = f;
  if (data.design !== 'paired' || (groups !== 3 && groups !== 4)) {
    forEachBlock(f, rows, r0, r1, (r, v0, m, t) => visitGeneric(st, r - r0, v0, m, t));
    return;
  }
  // forEachBlock builds each block's codes and tables (tablesOnly) and calls back once per block.
  const { K } = data;
  const { table, Q } = f;
  const C = 2 ** f.bits;
  const nRows = r1 - r0;
  const scale = Math.sqrt((K - 1) / K);
  const sc2 = scale * scale;
  const invK = 1 / K;
  const one = st.oneSided;
  const lo2 = st.lo * st.lo;
  const hasSupra = st.supra !== null;
  let built = -1;
  forEachBlock(f, rows, r0, r1, (r, v0, n) => {
    void r;
    if (built === v0) return; // one call per block
    built = v0;
    const codes = f.codes;
    for (let q = 0; q < nRows; q++) {
      const co = q * groups;
      const o0 = codes[co];
      const o1 = C * BLOCK + codes[co + 1];
      const o2 = 2 * C * BLOCK + codes[co + 2];
      const o3 = groups === 4 ? 3 * C * BLOCK + codes[co + 3] : 0;
      let mx = st.runMax[q];
      let edge = mx - st.tol(mx);
      let e2 = edge > 0 ? edge * edge : -1;
      const c = st.cand[q];
      const s = hasSupra ? st.supra![q] : null;
      for (let b = 0; b < n; b++) {
        const S = groups === 4 ? table[o0 + b] + table[o1 + b] + table[o2 + b] + table[o3 + b] : table[o0 + b] + table[o1 + b] + table[o2 + b];
        const S2 = S * S;
        const ss = Q[v0 + b] - S2 * invK;
        const lhs = S2 * sc2;
        if (hasSupra && lhs > lo2 * ss && (!one || S > 0)) s!.push(v0 + b);
        if (e2 >= 0 && (lhs < e2 * ss || (one && S <= 0))) continue;
        const t = (S * scale) / Math.sqrt(ss > 0 ? ss : 0);
        const a = one ? t : t < 0 ? -t : t;
        if (a >= edge) {
          c.push(v0 + b);
          if (a > mx && a !== Infinity) {
            mx = a;
            edge = mx - st.tol(mx);
            e2 = edge > 0 ? edge * edge : -1;
          }
        } else if (!(a === a)) c.push(v0 + b);
      }
      st.runMax[q] = mx;
    }
  }, true);
}

function visitGeneric(st: ScanState, q: number, v0: number, m: number, t: Float64Array): void {
  const one = st.oneSided;
  let mx = st.runMax[q];
  let edge = mx - st.tol(mx);
  const c = st.cand[q];
  const s = st.supra ? st.supra[q] : null;
  const lo = st.lo;
  for (let b = 0; b < m; b++) {
    const x = t[b];
    const a = one ? x : x < 0 ? -x : x;
    if (a >= edge) {
      c.push(v0 + b);
      if (a > mx && a !== Infinity) {
        mx = a;
        edge = mx - st.tol(mx);
      }
    } else if (!(a === a)) c.push(v0 + b);
    if (s && a > lo) s.push(v0 + b);
  }
  st.runMax[q] = mx;
}
