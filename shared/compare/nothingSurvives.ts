// When no voxel passes the threshold, the contrast panel says so and offers the nearest step
// that shows something: the strongest voxel's |t| and p, and the strictest common uncorrected
// p level that voxel passes (p < 0.001 before 0.01 before 0.05).

import type { ContrastMaps } from './types';
import type { ThresholdSpec } from './threshold';

export interface NothingSurvives {
  /** |t| and p (in the tested tail) of the voxel with the smallest p */
  strongestT: number;
  strongestP: number;
  /** the threshold to try, or null when not even p < 0.05 uncorrected shows a voxel */
  suggest: ThresholdSpec | null;
  /** e.g. "strongest |t| = 4.9 (p = 6e-5): try p < 0.001" */
  text: string;
}

const STEPS = [0.001, 0.01, 0.05];

/** The tested voxel with the smallest p in the threshold's tail (two-sided p halved for t > 0 one-sided). */
export function strongestVoxel(maps: ContrastMaps, sided: 1 | 2): { t: number; p: number } | null {
  let bestP = Infinity;
  let bestT = 0;
  const { t, p } = maps;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i];
    if (ti !== ti || (sided === 1 && !(ti > 0))) continue;
    const pi = sided === 1 ? 0.5 * p[i] : p[i];
    if (pi < bestP || (pi === bestP && Math.abs(ti) > Math.abs(bestT))) {
      bestP = pi;
      bestT = ti;
    }
  }
  return Number.isFinite(bestP) ? { t: Math.abs(bestT), p: bestP } : null;
}

/**
 * What to say when `passes` is 0 under `spec`. The suggestion keeps sides and extent and is
 * always looser than the current uncorrected p (so clicking it is never a no-op).
 */
export function nothingSurvives(maps: ContrastMaps, spec: ThresholdSpec): NothingSurvives | null {
  const best = strongestVoxel(maps, spec.sided);
  if (!best) return null;
  const tName = spec.sided === 2 ? '|t|' : 't';
  const head = `strongest ${tName} = ${best.t.toFixed(1)} (p = ${fmtP(best.p)})`;
  const level = STEPS.find((s) => best.p < s && !(spec.mode === 'p-unc' && s <= spec.value));
  if (level === undefined) return { strongestT: best.t, strongestP: best.p, suggest: null, text: `${head}: no voxel reaches p < 0.05 uncorrected` };
  return {
    strongestT: best.t,
    strongestP: best.p,
    suggest: { ...spec, mode: 'p-unc', value: level },
    text: `${head}: try p < ${level}`,
  };
}

function fmtP(p: number): string {
  return p >= 1e-3 ? String(Number(p.toPrecision(2))) : p.toExponential(0).replace('e-0', 'e-');
}
