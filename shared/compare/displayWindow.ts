/**
 * The windows the compare panes draw with: the means' shared grey window, the statistic's range
 * and where the colour ramp starts. Pure functions of the contrast maps.
 */
import { statMap } from './contrast';
import type { ResolvedThreshold } from './threshold';
import type { ContrastMaps, Statistic } from './types';

/** Min and max of a statistic over the whole map (NaN ignored; Infinity/-Infinity when all NaN). */
export function statRange(maps: ContrastMaps, statistic: Statistic): { min: number; max: number } {
  const values = statMap(maps, statistic);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Window of the two condition means: 2nd..98th percentile of tested voxels (t not NaN; every
 * voxel when there are more than 200000, sampled evenly), symmetric when they change sign.
 */
export function meanWindow(maps: ContrastMaps): { min: number; max: number; signed: boolean } {
  const vals: number[] = [];
  const step = Math.max(1, Math.floor(maps.meanA.length / 200000));
  for (let i = 0; i < maps.meanA.length; i += step) {
    if (maps.t[i] !== maps.t[i]) continue;
    const a = maps.meanA[i];
    const b = maps.meanB[i];
    if (Number.isFinite(a)) vals.push(a);
    if (Number.isFinite(b)) vals.push(b);
  }
  if (vals.length === 0) return { min: 0, max: 1, signed: false };
  vals.sort((x, y) => x - y);
  const lo = vals[Math.floor(0.02 * (vals.length - 1))];
  const hi = vals[Math.floor(0.98 * (vals.length - 1))];
  if (lo < 0 && hi > 0) {
    const m = Math.max(-lo, hi);
    return { min: -m, max: m, signed: true };
  }
  return { min: lo, max: hi, signed: false };
}

/**
 * |value| where the colour ramp starts: the statistic's cut when the threshold is on the
 * statistic shown (or on t with a t statistic), else the weakest displayed value that passes
 * (for p/q: the statistic at the t cut). Infinity when nothing passes.
 */
export function displayCut(resolved: ResolvedThreshold, statistic: Statistic, stat: Float32Array): number {
  if (resolved.empty) return Infinity;
  if (resolved.on === 't' && (statistic === 'paired-t' || statistic === 'welch-t')) return resolved.statCutoff;
  if (resolved.on === 'statistic') return resolved.statCutoff;
  let best = Infinity;
  for (let i = 0; i < stat.length; i++) {
    const a = Math.abs(stat[i]);
    if (a > 0 && a < best) best = a;
  }
  return best;
}

/**
 * A condition mean where the thresholded statistic is nonzero, else 0: what the 3D render shows
 * of a mean (Compare's 3D panes and figure renders), so the whole head is not filled with colour.
 */
export function meanWhereShown(mean: Float32Array, stat: Float32Array): Float32Array {
  const out = new Float32Array(mean.length);
  for (let i = 0; i < out.length; i++) out[i] = stat[i] !== 0 && mean[i] === mean[i] ? mean[i] : 0;
  return out;
}
