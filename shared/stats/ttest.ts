// Voxelwise t-tests over N maps. One pass over the subjects, in blocks of voxels so the
// running sums stay in cache while the input maps stream through memory once.
// Sums are taken of (x - x_first): the shifted-data form of the one-pass variance, which
// is exact for constant voxels (variance exactly 0, so "untested") and stable otherwise.

import { logGamma } from './tdist';
import { allInBlock, maskedInBlock, nonZeroInBlock, pairViews } from './nonzero';

export interface VoxelwiseOptions {
  /** Voxels where mask is 0 are not tested: every output there is NaN. */
  mask?: Uint8Array;
  onProgress?: (done: number, total: number) => void;
}

export interface PairedResult {
  /** t of (a - b); NaN where untested (zero variance of the differences, NaN input, or masked out). */
  t: Float32Array;
  meanDiff: Float32Array;
  sdDiff: Float32Array;
  /** Cohen's dz = meanDiff / sdDiff; NaN where untested. */
  dz: Float32Array;
  meanA: Float32Array;
  meanB: Float32Array;
  sdA: Float32Array;
  sdB: Float32Array;
  n: number;
  dof: number;
  /** Number of voxels with a finite t. */
  tested: number;
}

export interface OneSampleResult {
  t: Float32Array;
  mean: Float32Array;
  sd: Float32Array;
  /** mean / sd; NaN where untested. */
  dz: Float32Array;
  n: number;
  dof: number;
  tested: number;
}

export interface WelchResult {
  t: Float32Array;
  /** Welch–Satterthwaite degrees of freedom, per voxel (NaN where untested). */
  dof: Float32Array;
  /** Hedges' g (pooled-SD standardized mean difference with small-sample correction). */
  g: Float32Array;
  meanA: Float32Array;
  meanB: Float32Array;
  sdA: Float32Array;
  sdB: Float32Array;
  nA: number;
  nB: number;
  tested: number;
}

const BLOCK = 2048;

/** Plain-words error for programming/input mistakes the caller should surface. */
export class StatsInputError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

function checkMaps(groups: Float32Array[][], minN: number, mask?: Uint8Array): number {
  const first = groups[0][0];
  if (!first) throw new StatsInputError('no maps given');
  const nVox = first.length;
  for (const g of groups) {
    if (g.length < minN) throw new StatsInputError(`need at least ${minN} maps per group, got ${g.length}`);
    for (const m of g) {
      if (m.length !== nVox) throw new StatsInputError(`maps differ in size (${m.length} vs ${nVox} voxels)`);
    }
  }
  if (mask && mask.length !== nVox) throw new StatsInputError(`mask has ${mask.length} voxels, maps have ${nVox}`);
  return nVox;
}

/** Running shifted sums of one set of maps over one block. */
class BlockSums {
  readonly shift = new Float64Array(BLOCK);
  readonly sum = new Float64Array(BLOCK);
  readonly sq = new Float64Array(BLOCK);

  accumulate(maps: Float32Array[], start: number, len: number): void {
    const { shift, sum, sq } = this;
    const m0 = maps[0];
    for (let v = 0; v < len; v++) {
      shift[v] = m0[start + v];
      sum[v] = 0;
      sq[v] = 0;
    }
    // Four maps per sweep: fewer trips through the running sums (measured ~2x faster).
    let s = 1;
    for (; s + 3 < maps.length; s += 4) {
      const m1 = maps[s];
      const m2 = maps[s + 1];
      const m3 = maps[s + 2];
      const m4 = maps[s + 3];
      for (let v = 0, i = start; v < len; v++, i++) {
        const h = shift[v];
        const x1 = m1[i] - h;
        const x2 = m2[i] - h;
        const x3 = m3[i] - h;
        const x4 = m4[i] - h;
        sum[v] += x1 + x2 + (x3 + x4);
        sq[v] += x1 * x1 + x2 * x2 + (x3 * x3 + x4 * x4);
      }
    }
    for (; s < maps.length; s++) {
      const m = maps[s];
      for (let v = 0, i = start; v < len; v++, i++) {
        const x = m[i] - shift[v];
        sum[v] += x;
        sq[v] += x * x;
      }
    }
  }

  /** As accumulate, for voxels start + list[q] (q < count) only; sums stored at q. */
  accumulateAt(maps: Float32Array[], start: number, list: Int32Array, count: number): void {
    const { shift, sum, sq } = this;
    const m0 = maps[0];
    for (let q = 0; q < count; q++) {
      shift[q] = m0[start + list[q]];
      sum[q] = 0;
      sq[q] = 0;
    }
    let s = 1;
    for (; s + 3 < maps.length; s += 4) {
      const m1 = maps[s];
      const m2 = maps[s + 1];
      const m3 = maps[s + 2];
      const m4 = maps[s + 3];
      for (let q = 0; q < count; q++) {
        const i = start + list[q];
        const h = shift[q];
        const x1 = m1[i] - h;
        const x2 = m2[i] - h;
        const x3 = m3[i] - h;
        const x4 = m4[i] - h;
        sum[q] += x1 + x2 + (x3 + x4);
        sq[q] += x1 * x1 + x2 * x2 + (x3 * x3 + x4 * x4);
      }
    }
    for (; s < maps.length; s++) {
      const m = maps[s];
      for (let q = 0; q < count; q++) {
        const x = m[start + list[q]] - shift[q];
        sum[q] += x;
        sq[q] += x * x;
      }
    }
  }

  /** mean and unbiased variance of voxel v of the block. */
  mean(v: number, n: number): number {
    return this.shift[v] + this.sum[v] / n;
  }

  variance(v: number, n: number): number {
    const s = this.sum[v];
    return (this.sq[v] - (s * s) / n) / (n - 1);
  }
}

function forEachBlock(nVox: number, onProgress: VoxelwiseOptions['onProgress'], body: (start: number, len: number) => void): void {
  const every = Math.max(1, Math.floor(nVox / BLOCK / 20));
  let count = 0;
  for (let start = 0; start < nVox; start += BLOCK) {
    body(start, Math.min(BLOCK, nVox - start));
    if (onProgress && ++count % every === 0) onProgress(Math.min(nVox, start + BLOCK), nVox);
  }
  onProgress?.(nVox, nVox);
}

export interface PairedOptions extends VoxelwiseOptions {
  /**
   * Also compute the per-condition maps meanA, meanB, sdA, sdB (default true). With false they
   * are returned empty (length 0) and the test runs about 3x faster: t, meanDiff, sdDiff and
   * dz are identical either way.
   */
  conditionMaps?: boolean;
}

/**
 * Paired t of a[i] - b[i] (maps paired by position), voxel by voxel.
 * Differences are taken in float32, as numpy does for float32 maps.
 */
export function pairedT(a: Float32Array[], b: Float32Array[], options: PairedOptions = {}): PairedResult {
  if (a.length !== b.length) throw new StatsInputError(`paired test needs the same number of maps in each condition (${a.length} vs ${b.length})`);
  const { mask } = options;
  const conditionMaps = options.conditionMaps !== false;
  const nVox = checkMaps([a, b], 2, mask);
  const n = a.length;
  const nCond = conditionMaps ? nVox : 0;
  const out: PairedRangeOutput = {
    t: new Float32Array(nVox),
    meanDiff: new Float32Array(nVox),
    sdDiff: new Float32Array(nVox),
    dz: new Float32Array(nVox),
    meanA: new Float32Array(nCond),
    meanB: new Float32Array(nCond),
    sdA: new Float32Array(nCond),
    sdB: new Float32Array(nCond),
  };
  const tested = pairedRange(a, b, 0, nVox, out, conditionMaps, mask, options.onProgress);
  const { t, meanDiff, sdDiff, dz } = out;
  return { t, meanDiff, sdDiff, dz, meanA: out.meanA!, meanB: out.meanB!, sdA: out.sdA!, sdB: out.sdB!, n, dof: n - 1, tested };
}

/**
 * Where pairedTRange writes: full-length maps (nVox each; may live on a SharedArrayBuffer so
 * several threads fill disjoint ranges). The condition maps are computed only when all four are given.
 */
export interface PairedRangeOutput {
  t: Float32Array;
  meanDiff: Float32Array;
  sdDiff: Float32Array;
  dz: Float32Array;
  meanA?: Float32Array;
  meanB?: Float32Array;
  sdA?: Float32Array;
  sdB?: Float32Array;
}

/**
 * pairedT for voxels start..end-1 only, written into `out` at those voxels (the rest of `out` is
 * untouched); returns the number tested there. Splitting 0..nVox into ranges (e.g. one per worker
 * thread) gives outputs bit-identical to one pairedT call.
 */
export function pairedTRange(
  a: Float32Array[],
  b: Float32Array[],
  start: number,
  end: number,
  out: PairedRangeOutput,
  options: { mask?: Uint8Array } = {},
): number {
  if (a.length !== b.length) throw new StatsInputError(`paired test needs the same number of maps in each condition (${a.length} vs ${b.length})`);
  const nVox = checkMaps([a, b], 2, options.mask);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= nVox)) {
    throw new StatsInputError(`voxel range ${start}..${end} is outside the maps (${nVox} voxels)`);
  }
  for (const [k, m] of Object.entries(out)) {
    if (m && m.length !== nVox) throw new StatsInputError(`output ${k} has ${m.length} voxels, maps have ${nVox}`);
  }
  const conditionMaps = !!(out.meanA && out.meanB && out.sdA && out.sdB);
  return pairedRange(a, b, start, end, out, conditionMaps, options.mask, undefined);
}

function pairedRange(
  a: Float32Array[],
  b: Float32Array[],
  from: number,
  to: number,
  out: PairedRangeOutput,
  conditionMaps: boolean,
  mask: Uint8Array | undefined,
  onProgress: VoxelwiseOptions['onProgress'],
): number {
  const n = a.length;
  // Progress every ~5% (at least a block), checked inline: a progress closure made per call would
  // make V8 deoptimize this loop ("wrong call target") on each call after the first.
  const nVox = a[0].length;
  const every = Math.max(BLOCK, Math.floor(nVox / 20));
  let next = every;
  const { t, meanDiff, sdDiff, dz } = out;
  const meanA = conditionMaps ? out.meanA! : t;
  const meanB = conditionMaps ? out.meanB! : t;
  const sdA = conditionMaps ? out.sdA! : t;
  const sdB = conditionMaps ? out.sdB! : t;
  const sumsA = new BlockSums();
  const sumsB = new BlockSums();
  const dShift = new Float64Array(BLOCK);
  const dSum = new Float64Array(BLOCK);
  const dSq = new Float64Array(BLOCK);
  // Voxels zero in every map are skipped: their sums are all zero, so their outputs are the
  // zeros written here (t and dz: NaN). Pairs of voxels are viewed from an even index on.
  const views = pairViews([...a, ...b]);
  const zeroAcc = new Float64Array(BLOCK >> 1);
  const list = new Int32Array(BLOCK);
  const sqrtN = Math.sqrt(n);
  let tested = 0;
  for (let start = from; start < to; ) {
    // An odd first voxel is a block of its own, so the later blocks start even.
    const len = start & 1 ? 1 : Math.min(BLOCK, to - start);
    // A mask says where to look; without one, voxels zero in every map are found by scanning them all.
    const count = mask ? maskedInBlock(mask, start, len, list) : views && !(start & 1) ? nonZeroInBlock(views, start, len, zeroAcc, list) : allInBlock(len, list);
    accumulateDifferences(a, b, start, list, count, dShift, dSum, dSq);
    if (conditionMaps) {
      sumsA.accumulateAt(a, start, list, count);
      sumsB.accumulateAt(b, start, list, count);
    }
    t.fill(NaN, start, start + len);
    dz.fill(NaN, start, start + len);
    meanDiff.fill(0, start, start + len);
    sdDiff.fill(0, start, start + len);
    if (conditionMaps) {
      meanA.fill(0, start, start + len);
      meanB.fill(0, start, start + len);
      sdA.fill(0, start, start + len);
      sdB.fill(0, start, start + len);
    }
    if (mask) {
      for (let i = start; i < start + len; i++) {
        if (mask[i] !== 0) continue;
        meanDiff[i] = sdDiff[i] = NaN;
        if (conditionMaps) meanA[i] = meanB[i] = sdA[i] = sdB[i] = NaN;
      }
    }
    for (let q = 0; q < count; q++) {
      const i = start + list[q];
      if (mask && mask[i] === 0) continue;
      const s = dSum[q];
      const mean = dShift[q] + s / n;
      const variance = (dSq[q] - (s * s) / n) / (n - 1);
      const sd = Math.sqrt(Math.max(0, variance));
      meanDiff[i] = mean;
      sdDiff[i] = variance >= 0 ? sd : NaN;
      if (conditionMaps) {
        meanA[i] = sumsA.mean(q, n);
        meanB[i] = sumsB.mean(q, n);
        sdA[i] = Math.sqrt(Math.max(0, sumsA.variance(q, n)));
        sdB[i] = Math.sqrt(Math.max(0, sumsB.variance(q, n)));
      }
      if (variance > 0) {
        t[i] = (mean / sd) * sqrtN;
        dz[i] = mean / sd;
        tested++;
      }
    }
    start += len;
    if (onProgress && (start >= next || start === nVox)) {
      onProgress(start, nVox);
      next = start + every;
    }
  }
  return tested;
}

/**
 * Shifted sums of the float32 differences a[s] - b[s] at voxels start + list[q], q < count
 * (sums stored at q), four subjects per sweep.
 */
function accumulateDifferences(
  a: Float32Array[],
  b: Float32Array[],
  start: number,
  list: Int32Array,
  count: number,
  dShift: Float64Array,
  dSum: Float64Array,
  dSq: Float64Array,
): void {
  const n = a.length;
  const a0 = a[0];
  const b0 = b[0];
  for (let q = 0; q < count; q++) {
    const i = start + list[q];
    dShift[q] = Math.fround(a0[i] - b0[i]);
    dSum[q] = 0;
    dSq[q] = 0;
  }
  let s = 1;
  for (; s + 3 < n; s += 4) {
    const a1 = a[s];
    const b1 = b[s];
    const a2 = a[s + 1];
    const b2 = b[s + 1];
    const a3 = a[s + 2];
    const b3 = b[s + 2];
    const a4 = a[s + 3];
    const b4 = b[s + 3];
    for (let q = 0; q < count; q++) {
      const i = start + list[q];
      const h = dShift[q];
      const d1 = Math.fround(a1[i] - b1[i]) - h;
      const d2 = Math.fround(a2[i] - b2[i]) - h;
      const d3 = Math.fround(a3[i] - b3[i]) - h;
      const d4 = Math.fround(a4[i] - b4[i]) - h;
      dSum[q] += d1 + d2 + (d3 + d4);
      dSq[q] += d1 * d1 + d2 * d2 + (d3 * d3 + d4 * d4);
    }
  }
  for (; s < n; s++) {
    const as = a[s];
    const bs = b[s];
    for (let q = 0; q < count; q++) {
      const i = start + list[q];
      const d = Math.fround(as[i] - bs[i]) - dShift[q];
      dSum[q] += d;
      dSq[q] += d * d;
    }
  }
}

/** One-sample t of x against 0, voxel by voxel. */
export function oneSampleT(x: Float32Array[], options: VoxelwiseOptions = {}): OneSampleResult {
  const { mask } = options;
  const nVox = checkMaps([x], 2, mask);
  const n = x.length;
  const t = new Float32Array(nVox);
  const mean = new Float32Array(nVox);
  const sd = new Float32Array(nVox);
  const dz = new Float32Array(nVox);
  const sums = new BlockSums();
  const sqrtN = Math.sqrt(n);
  let tested = 0;
  forEachBlock(nVox, options.onProgress, (start, len) => {
    sums.accumulate(x, start, len);
    for (let v = 0; v < len; v++) {
      const i = start + v;
      if (mask && mask[i] === 0) {
        t[i] = mean[i] = sd[i] = dz[i] = NaN;
        continue;
      }
      const m = sums.mean(v, n);
      const variance = sums.variance(v, n);
      const s = Math.sqrt(Math.max(0, variance));
      mean[i] = m;
      sd[i] = variance >= 0 ? s : NaN;
      if (variance > 0) {
        t[i] = (m / s) * sqrtN;
        dz[i] = m / s;
        tested++;
      } else {
        t[i] = dz[i] = NaN;
      }
    }
  });
  return { t, mean, sd, dz, n, dof: n - 1, tested };
}

/**
 * Welch two-sample t of mean(a) - mean(b) (unequal variances), voxel by voxel.
 * Tested where the standard error is non-zero; Hedges' g uses the pooled SD.
 */
export function welchT(a: Float32Array[], b: Float32Array[], options: VoxelwiseOptions = {}): WelchResult {
  const { mask } = options;
  const nVox = checkMaps([a, b], 2, mask);
  const nA = a.length;
  const nB = b.length;
  const out = {
    t: new Float32Array(nVox),
    dof: new Float32Array(nVox),
    g: new Float32Array(nVox),
    meanA: new Float32Array(nVox),
    meanB: new Float32Array(nVox),
    sdA: new Float32Array(nVox),
    sdB: new Float32Array(nVox),
  };
  const sumsA = new BlockSums();
  const sumsB = new BlockSums();
  const correction = hedgesCorrection(nA + nB - 2);
  let tested = 0;
  forEachBlock(nVox, options.onProgress, (start, len) => {
    sumsA.accumulate(a, start, len);
    sumsB.accumulate(b, start, len);
    for (let v = 0; v < len; v++) {
      const i = start + v;
      if (mask && mask[i] === 0) {
        out.t[i] = out.dof[i] = out.g[i] = out.meanA[i] = out.meanB[i] = out.sdA[i] = out.sdB[i] = NaN;
        continue;
      }
      const mA = sumsA.mean(v, nA);
      const mB = sumsB.mean(v, nB);
      const vA = Math.max(0, sumsA.variance(v, nA));
      const vB = Math.max(0, sumsB.variance(v, nB));
      out.meanA[i] = mA;
      out.meanB[i] = mB;
      out.sdA[i] = Math.sqrt(vA);
      out.sdB[i] = Math.sqrt(vB);
      const seA = vA / nA;
      const seB = vB / nB;
      const se2 = seA + seB;
      if (se2 > 0) {
        out.t[i] = (mA - mB) / Math.sqrt(se2);
        out.dof[i] = (se2 * se2) / ((seA * seA) / (nA - 1) + (seB * seB) / (nB - 1));
        const pooled = Math.sqrt(((nA - 1) * vA + (nB - 1) * vB) / (nA + nB - 2));
        out.g[i] = ((mA - mB) / pooled) * correction;
        tested++;
      } else {
        out.t[i] = out.dof[i] = out.g[i] = NaN;
      }
    }
  });
  return { ...out, nA, nB, tested };
}

/** Hedges' small-sample correction J(df) = Γ(df/2) / (√(df/2) Γ((df-1)/2)) (≈ 1 - 3/(4df - 1)). */
export function hedgesCorrection(df: number): number {
  if (!(df > 1)) return NaN;
  return Math.exp(logGamma(df / 2) - logGamma((df - 1) / 2)) / Math.sqrt(df / 2);
}
