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
export function forEachBlock(f: FastT, rows: Int8Array, r0: number, r1: number, visit: (row: number, v0: number, n: number, t: Float64Array) => void): void {
  const { data, bits, groups, Q, table, sums } = f;
  const { K, V, y } = data;
  const C = 2 ** bits;
  const nRows = r1 - r0;
  if (data.design === 'two-group') {
    for (let v0 = 0; v0 < V; v0 += BLOCK) {
      const n = Math.min(BLOCK, V - v0);
      for (let r = r0; r < r1; r++) {
        for (let b = 0; b < n; b++) sums[b] = welchTExact(y, v0 + b, V, rows, r * K, K, data.nA);
        visit(r, v0, n, sums);
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
    for (let r = 0; r < nRows; r++) {
      const co = r * groups;
      let o = codes[co];
      for (let b = 0; b < n; b++) sums[b] = table[o + b];
      for (let g = 1; g < groups; g++) {
        o = g * C * BLOCK + codes[co + g];
        for (let b = 0; b < n; b++) sums[b] += table[o + b];
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
