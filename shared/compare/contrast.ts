// The voxelwise contrast of one measure: computed once, then every display choice
// (statistic, direction, threshold) is a cheap view of these maps.

import { fdrBH, pairedT, pMap, welchT } from '../stats';
import type { ContrastMaps, Design, Direction, Statistic } from './types';

export interface ContrastInput {
  /** per-subject maps of condition A (same grid; paired designs: same subject order as b) */
  a: Float32Array[];
  b: Float32Array[];
  design: Design;
  /** brain mask: voxels where it is 0 are not tested */
  mask?: Uint8Array;
  direction?: Direction;
  /** done/total; total is 100 (t-test 0..80, p 90, q 100) */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Percent change is only meaningful where the baseline is clearly away from zero (it is
 * meant for CBF, whose baseline is large and positive). Voxels whose |baseline mean| is at
 * most this fraction of the median |baseline mean| over tested voxels get NaN.
 */
export const PCT_BASELINE_FRACTION = 0.01;

const PROGRESS_TOTAL = 100;

/** Computes every map of the contrast A - B (or B - A) in one go. */
export function computeContrast(input: ContrastInput): ContrastMaps {
  const { a, b, design, mask, onProgress } = input;
  const testProgress = onProgress ? (done: number, total: number) => onProgress(Math.floor((80 * done) / Math.max(1, total)), PROGRESS_TOTAL) : undefined;
  let maps: ContrastMaps;
  if (design === 'paired') {
    const r = pairedT(a, b, { mask, onProgress: testProgress });
    onProgress?.(80, PROGRESS_TOTAL);
    const p = pMap(r.t, r.dof, 2);
    onProgress?.(90, PROGRESS_TOTAL);
    maps = {
      design,
      direction: 'A-B',
      meanA: r.meanA,
      meanB: r.meanB,
      sdA: r.sdA,
      sdB: r.sdB,
      diff: maskUntested(r.meanDiff, r.t),
      t: r.t,
      dz: r.dz,
      pctChange: percentChange(r.meanA, r.meanB, r.t),
      p,
      q: fdrBH(p),
      dof: r.dof,
      n: r.n,
      nA: r.n,
      nB: r.n,
      tested: r.tested,
    };
  } else {
    const r = welchT(a, b, { mask, onProgress: testProgress });
    onProgress?.(80, PROGRESS_TOTAL);
    const diff = new Float32Array(r.t.length);
    for (let i = 0; i < diff.length; i++) diff[i] = r.t[i] === r.t[i] ? r.meanA[i] - r.meanB[i] : NaN;
    const p = pMap(r.t, r.dof, 2);
    onProgress?.(90, PROGRESS_TOTAL);
    maps = {
      design,
      direction: 'A-B',
      meanA: r.meanA,
      meanB: r.meanB,
      sdA: r.sdA,
      sdB: r.sdB,
      diff,
      t: r.t,
      dz: r.g,
      pctChange: percentChange(r.meanA, r.meanB, r.t),
      p,
      q: fdrBH(p),
      dof: medianFinite(r.dof),
      dofMap: r.dof,
      n: r.nA + r.nB,
      nA: r.nA,
      nB: r.nB,
      tested: r.tested,
    };
  }
  onProgress?.(PROGRESS_TOTAL, PROGRESS_TOTAL);
  return input.direction === 'B-A' ? withDirection(maps, 'B-A') : maps;
}

/**
 * A group-level t map made elsewhere (SPM spmT, FSL tstat, AFNI) with the dof the user gave:
 * t, p and q as for a computed contrast; the per-condition maps are NaN.
 */
export function contrastFromGroupMap(input: { t: Float32Array; dof: number; mask?: Uint8Array; n?: number }): ContrastMaps {
  const { dof, mask } = input;
  if (!(dof > 0)) throw Object.assign(new Error(`a group map needs degrees of freedom above 0 (got ${dof})`), { userFacing: true });
  const nVox = input.t.length;
  if (mask && mask.length !== nVox) throw Object.assign(new Error(`mask has ${mask.length} voxels, the map has ${nVox}`), { userFacing: true });
  const t = new Float32Array(nVox);
  let tested = 0;
  for (let i = 0; i < nVox; i++) {
    const v = input.t[i];
    // Exact zeros are outside-brain fill in SPM/FSL maps, not tested voxels.
    const ok = Number.isFinite(v) && v !== 0 && (!mask || mask[i] !== 0);
    t[i] = ok ? v : NaN;
    if (ok) tested++;
  }
  const nan = () => new Float32Array(nVox).fill(NaN);
  const p = pMap(t, dof, 2);
  const n = input.n ?? Math.round(dof) + 1;
  return {
    design: 'paired',
    direction: 'A-B',
    meanA: nan(),
    meanB: nan(),
    sdA: nan(),
    sdB: nan(),
    diff: nan(),
    t,
    dz: nan(),
    pctChange: nan(),
    p,
    q: fdrBH(p),
    dof,
    n,
    nA: n,
    nB: n,
    tested,
  };
}

/**
 * 100 * (mean A - mean B) / |mean B| where |mean B| > PCT_BASELINE_FRACTION x the median
 * |mean B| over tested voxels (finite `t`), else NaN. Dividing by |baseline| keeps the sign
 * of the difference (identical to the textbook formula for CBF, whose baseline is positive).
 */
export function percentChange(first: Float32Array, baseline: Float32Array, t: Float32Array): Float32Array {
  const n = t.length;
  const abs: number[] = [];
  for (let i = 0; i < n; i++) if (t[i] === t[i] && Number.isFinite(baseline[i])) abs.push(Math.abs(baseline[i]));
  const out = new Float32Array(n).fill(NaN);
  if (abs.length === 0) return out;
  const floor = PCT_BASELINE_FRACTION * medianOf(Float64Array.from(abs));
  for (let i = 0; i < n; i++) {
    const base = baseline[i];
    if (t[i] === t[i] && Math.abs(base) > floor) out[i] = (100 * (first[i] - base)) / Math.abs(base);
  }
  return out;
}

/** The same contrast in the other direction, without recomputing the tests. */
export function withDirection(maps: ContrastMaps, direction: Direction): ContrastMaps {
  if (maps.direction === direction) return maps;
  const [first, baseline] = direction === 'A-B' ? [maps.meanA, maps.meanB] : [maps.meanB, maps.meanA];
  return {
    ...maps,
    direction,
    diff: negated(maps.diff),
    t: negated(maps.t),
    dz: negated(maps.dz),
    pctChange: percentChange(first, baseline, maps.t),
  };
}

/** The t statistic's name for a design ('paired-t' or 'welch-t'). */
export function tStatisticFor(design: Design): Statistic {
  return design === 'paired' ? 'paired-t' : 'welch-t';
}

export function isTStatistic(statistic: Statistic): boolean {
  return statistic === 'paired-t' || statistic === 'welch-t';
}

/** The map the contrast pane displays for a statistic (no copy). */
export function statMap(maps: ContrastMaps, statistic: Statistic): Float32Array {
  switch (statistic) {
    case 'paired-t':
    case 'welch-t':
      return maps.t;
    case 'mean-diff':
      return maps.diff;
    case 'percent-change':
      return maps.pctChange;
    case 'dz':
      return maps.dz;
  }
}

/** Plain name of a statistic for titles, descriptions and CSV headers. */
export function statisticName(statistic: Statistic, design: Design = 'paired'): string {
  switch (statistic) {
    case 'paired-t':
      return 'paired t';
    case 'welch-t':
      return 'Welch t';
    case 'mean-diff':
      return 'mean difference';
    case 'percent-change':
      return '% change';
    case 'dz':
      return design === 'paired' ? "Cohen's dz" : "Hedges' g";
  }
}

const oneSidedQCache = new WeakMap<ContrastMaps, Float32Array>();

/** BH q of the one-sided p (positive tail of the contrast's direction), computed once per maps. */
export function oneSidedQ(maps: ContrastMaps): Float32Array {
  let q = oneSidedQCache.get(maps);
  if (!q) {
    q = fdrBH(pMap(maps.t, maps.dofMap ?? maps.dof, 1));
    oneSidedQCache.set(maps, q);
  }
  return q;
}

function negated(x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = -x[i];
  return out;
}

function maskUntested(values: Float32Array, t: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) if (t[i] !== t[i]) values[i] = NaN;
  return values;
}

function medianOf(values: Float64Array): number {
  const s = values.sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

function medianFinite(x: Float32Array): number {
  const vals: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) vals.push(x[i]);
  return vals.length ? medianOf(Float64Array.from(vals)) : NaN;
}
