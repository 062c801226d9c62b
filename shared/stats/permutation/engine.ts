// Null statistics of permutation rows: max |t| (or max t), max cluster size and mass, max |TFCE|.
// The fast t maps (fastT) are only used to decide; every statistic is taken from exact t values
// (perm_reference.py's order of operations) at the voxels where the decision is that close, so the
// null columns equal the reference's bit for bit.
import { exactT, neighbourOffsets, paddedGrid, type Connectivity, type PaddedGrid, type PermData } from './design';
import { clusterMaxima, clusterScratch, type ClusterScratch } from './clusterStats';
import { fastT, forEachBlock, scanRows, type FastT } from './fastT';
import { tfceFromLevels, tfceHeights, tfceNeighbours, tfceScratch, type TfceNeighbours, type TfceScratch } from './tfce';

export interface PermOptions {
  oneSided: boolean;
  /** cluster-forming threshold on t (> 0); none = no cluster statistics */
  clusterT?: number;
  connectivity: Connectivity;
  tfce: boolean;
  tfceConnectivity: Connectivity;
}

export interface NullColumns {
  maxT: Float64Array;
  maxSize: Int32Array | null;
  maxMass: Float64Array | null;
  maxTfce: Float64Array | null;
}

export function nullColumns(n: number, opts: PermOptions): NullColumns {
  const c = opts.clusterT !== undefined;
  return { maxT: new Float64Array(n), maxSize: c ? new Int32Array(n) : null, maxMass: c ? new Float64Array(n) : null, maxTfce: opts.tfce ? new Float64Array(n) : null };
}

/** Relative window inside which the approximate t is not trusted (its error is ~1e-14). */
const TOL = 1e-8;
const tol = (x: number) => TOL * (x > 1 ? x : x < -1 ? -x : 1);

export interface Engine {
  data: PermData;
  opts: PermOptions;
  grid: PaddedGrid;
  half: Int32Array;
  tfceNeighbours: TfceNeighbours;
  clusters: ClusterScratch | null;
  tfce: TfceScratch | null;
  fast: FastT;
  /** rows per chunk: progress and cancel are checked between chunks */
  chunk: number;
}

export function createEngine(data: PermData, opts: PermOptions): Engine {
  if (opts.clusterT !== undefined && !(opts.clusterT > 0)) throw new RangeError(`cluster-forming threshold must be > 0 (got ${opts.clusterT})`);
  const grid = paddedGrid(data);
  // 250 rows: chunks small enough that two threads finish together (1000 left one idle for a
  // fifth of a run), large enough that each block's sign tables (4 groups of 6 subjects) pay off.
  const chunk = opts.tfce ? 32 : 250;
  return {
    data,
    opts,
    grid,
    half: neighbourOffsets(grid, opts.connectivity, true),
    tfceNeighbours: tfceNeighbours(grid, opts.tfceConnectivity),
    clusters: opts.clusterT !== undefined ? clusterScratch(grid) : null,
    tfce: opts.tfce ? tfceScratch(grid) : null,
    fast: fastT(data, chunk),
    chunk,
  };
}

interface RowStats {
  maxT: number;
  maxSize: number;
  maxMass: number;
  maxTfce: number;
}

function notFinite(r: number): Error {
  return Object.assign(new Error(`permutation ${r + 1}: t is not finite at some voxel (all flipped differences equal: zero variance)`), { userFacing: true });
}

/**
 * Statistics of row r from its t map (tm[0..V), approximate unless `exact`). With tfceMap, the TFCE
 * value of every voxel is written there.
 */
export function statsFromMap(e: Engine, rows: Int8Array, r: number, tm: Float64Array, exact: boolean, tfceMap?: Float64Array): RowStats {
  const { data, opts } = e;
  const V = data.V;
  const one = opts.oneSided;
  const ex = (v: number) => {
    const t = exact ? tm[v] : exactT(data, rows, r, v);
    if (!Number.isFinite(t)) throw notFinite(r);
    return t;
  };
  let approx = -Infinity;
  for (let v = 0; v < V; v++) {
    const t = tm[v];
    const a = one ? t : t < 0 ? -t : t;
    if (a > approx) approx = a;
    else if (!(a === a)) throw notFinite(r);
  }
  let maxT = -Infinity;
  if (exact) {
    if (!Number.isFinite(approx)) throw notFinite(r);
    maxT = approx;
  }
  else {
    const lo = approx - tol(approx);
    for (let v = 0; v < V; v++) {
      const t = tm[v];
      if ((one ? t : Math.abs(t)) >= lo) {
        const x = ex(v);
        const a = one ? x : Math.abs(x);
        if (a > maxT) maxT = a;
      }
    }
  }
  const out: RowStats = { maxT, maxSize: 0, maxMass: 0, maxTfce: 0 };
  if (opts.clusterT !== undefined) {
    const T = opts.clusterT;
    const lo = T - tol(T);
    const supra: number[] = [];
    const tv: number[] = [];
    for (let v = 0; v < V; v++) {
      const t = tm[v];
      if ((one ? t : Math.abs(t)) > lo) {
        const x = ex(v);
        if ((one ? x : Math.abs(x)) > T) {
          supra.push(v);
          tv.push(x);
        }
      }
    }
    const res = clusterMaxima(e.grid, e.half, Int32Array.from(supra), Float64Array.from(tv), supra.length, T, e.clusters!);
    out.maxSize = res.maxSize;
    out.maxMass = res.maxMass;
  }
  if (opts.tfce) {
    const M = maxT;
    if (!(M > 0)) {
      if (tfceMap) tfceMap.fill(0);
      return out;
    }
    const h = tfceHeights(M);
    const lev = new Int8Array(V);
    const tl = tol(M);
    const level = (t: number) => {
      const a = one ? t : t < 0 ? -t : t;
      if (a < h[1]) return 0;
      let k = Math.floor((a * 100) / M);
      if (k > 100) k = 100;
      if (k < 0) k = 0;
      while (k < 100 && a >= h[k + 1]) k++;
      while (k > 0 && a < h[k]) k--;
      return k;
    };
    for (let v = 0; v < V; v++) {
      let t = tm[v];
      const a = one ? t : t < 0 ? -t : t;
      if (a < h[1] - tl) continue;
      let k = level(t);
      if (!exact && ((k > 0 && a - h[k] < tl) || (k < 100 && h[k + 1] - a < tl))) {
        t = ex(v);
        k = level(t);
      }
      if (k > 0) lev[v] = t > 0 ? k : -k;
    }
    out.maxTfce = tfceFromLevels(e.grid, e.tfceNeighbours, lev, h, e.tfce!, tfceMap);
  }
  return out;
}

/** Rows r0..r1-1 without TFCE: one blocked pass keeps the running maxima and threshold candidates. */
function runScan(e: Engine, rows: Int8Array, r0: number, r1: number, out: NullColumns, outOff: number): void {
  const { data, opts } = e;
  const one = opts.oneSided;
  const n = r1 - r0;
  const runMax = new Float64Array(n).fill(-Infinity);
  const cand: number[][] = Array.from({ length: n }, () => []);
  const T = opts.clusterT;
  const supra: number[][] | null = T !== undefined ? Array.from({ length: n }, () => []) : null;
  const lo = T !== undefined ? T - tol(T) : Infinity;
  scanRows(e.fast, rows, r0, r1, { oneSided: one, runMax, cand, supra, lo, tol });
  for (let q = 0; q < n; q++) {
    const r = r0 + q;
    let maxT = -Infinity;
    for (const v of cand[q]) {
      const x = exactT(data, rows, r, v);
      if (!Number.isFinite(x)) throw notFinite(r);
      const a = one ? x : Math.abs(x);
      if (a > maxT) maxT = a;
    }
    out.maxT[outOff + q] = maxT;
    if (supra && T !== undefined) {
      const list = supra[q];
      const sv = new Int32Array(list.length);
      const tv = new Float64Array(list.length);
      let k = 0;
      for (const v of list) {
        const x = exactT(data, rows, r, v);
        if ((one ? x : Math.abs(x)) > T) {
          sv[k] = v;
          tv[k++] = x;
        }
      }
      const res = clusterMaxima(e.grid, e.half, sv, tv, k, T, e.clusters!);
      out.maxSize![outOff + q] = res.maxSize;
      out.maxMass![outOff + q] = res.maxMass;
    }
  }
}

function runMaps(e: Engine, rows: Int8Array, r0: number, r1: number, out: NullColumns, outOff: number): void {
  const V = e.data.V;
  const maps = new Float64Array((r1 - r0) * V);
  // t maps written straight into `maps` (row-major, one map of V voxels per row)
  forEachBlock(e.fast, rows, r0, r1, () => {}, false, maps);
  for (let r = r0; r < r1; r++) {
    const s = statsFromMap(e, rows, r, maps.subarray((r - r0) * V, (r - r0 + 1) * V), false);
    const q = outOff + r - r0;
    out.maxT[q] = s.maxT;
    if (out.maxSize) out.maxSize[q] = s.maxSize;
    if (out.maxMass) out.maxMass[q] = s.maxMass;
    if (out.maxTfce) out.maxTfce[q] = s.maxTfce;
  }
}

/** Null statistics of rows r0..r1-1 into out[outOff + (r - r0)]. */
export function runRows(e: Engine, rows: Int8Array, r0: number, r1: number, out: NullColumns, outOff = 0): void {
  if (e.opts.tfce) runMaps(e, rows, r0, r1, out, outOff);
  else runScan(e, rows, r0, r1, out, outOff);
}

/** Exact t map of row r (the observed map for r = 0). */
export function exactTMap(data: PermData, rows: Int8Array, r: number): Float64Array {
  const t = new Float64Array(data.V);
  for (let v = 0; v < data.V; v++) t[v] = exactT(data, rows, r, v);
  return t;
}

export interface ObservedRow extends RowStats {
  t: Float64Array;
  tfce: Float64Array | null;
}

export function observedRow(e: Engine, rows: Int8Array): ObservedRow {
  const t = exactTMap(e.data, rows, 0);
  const tfce = e.opts.tfce ? new Float64Array(e.data.V) : null;
  const s = statsFromMap(e, rows, 0, t, true, tfce ?? undefined);
  return { ...s, t, tfce };
}
