// Turning a threshold the scientist chose (uncorrected p, FDR q or a raw value) into a cut
// on the map, with the plain-words sentence the contrast panel shows next to it.

import { pToT } from '../stats';
import { isTStatistic, oneSidedQ, statisticName, statMap } from './contrast';
import type { ContrastMaps, Statistic } from './types';
import { nothingSurvives, strongestVoxel, type NothingSurvives } from './nothingSurvives';

export interface ThresholdSpec {
  /** 'p-unc': uncorrected p; 'fdr-q': Benjamini–Hochberg q; 'raw': a value of the chosen statistic */
  mode: 'p-unc' | 'fdr-q' | 'raw';
  value: number;
  /** 2: both tails; 1: only the positive tail of the contrast's direction (A > B for A - B) */
  sided: 1 | 2;
  /** clusters smaller than this are dropped from the table (0 or 1 keeps all) */
  minExtentVoxels: number;
}

export interface ResolvedThreshold {
  spec: ThresholdSpec;
  sided: 1 | 2;
  /**
   * What suprathresholdMask compares: 't' or 'statistic' against statCutoff, or (Welch,
   * whose dof differs per voxel) the one-/two-sided 'p' or 'q' map against spec.value.
   */
  on: 't' | 'statistic' | 'p' | 'q';
  /**
   * Cut on |t| (or on the statistic for 'raw'); Infinity when nothing survives. For 'p'/'q'
   * it is the smallest |t| among surviving voxels, for the colorbar only.
   */
  statCutoff: number;
  /** FDR cuts are the |t| of a surviving voxel, so that voxel itself passes (>=, not >). */
  inclusive: boolean;
  /** the |t| this threshold amounts to, when there is one */
  tEquivalent?: number;
  description: string;
  /** true when no voxel can pass (FDR with no survivor) */
  empty: boolean;
  /** set when no voxel passes (any mode): the strongest voxel and the step to try */
  nothing?: NothingSurvives;
}

export interface ThresholdNames {
  /** condition names for one-sided descriptions, e.g. 'MDMA' and 'placebo' */
  a?: string;
  b?: string;
}

/** Resolves a threshold choice against the maps of one contrast; says what to try when nothing passes. */
export function resolveThreshold(spec: ThresholdSpec, maps: ContrastMaps, statistic: Statistic, names: ThresholdNames = {}): ResolvedThreshold {
  const r = resolveCut(spec, maps, statistic, names);
  let none = r.empty;
  if (!none && (r.on === 'p' || (spec.mode === 'p-unc' && r.on === 't'))) {
    const best = strongestVoxel(maps, r.sided);
    none = !best || !(best.p < spec.value);
  } else if (!none && spec.mode === 'raw' && r.on === 't') {
    const best = strongestVoxel(maps, r.sided);
    none = !best || !(best.t > spec.value);
  }
  if (!none) return r;
  const nothing = nothingSurvives(maps, spec);
  return nothing ? { ...r, nothing } : r;
}

function resolveCut(spec: ThresholdSpec, maps: ContrastMaps, statistic: Statistic, names: ThresholdNames): ResolvedThreshold {
  const { mode, value, sided } = spec;
  if (!Number.isFinite(value) || value < 0) throw userError(`threshold must be a number of 0 or more (got ${value})`);
  if ((mode === 'p-unc' || mode === 'fdr-q') && !(value > 0 && value <= 1)) throw userError(`${mode === 'p-unc' ? 'p' : 'q'} must be between 0 and 1 (got ${value})`);
  const tail = tailWords(sided, maps, names);
  const showing = isTStatistic(statistic) ? '' : `; showing ${statisticName(statistic, maps.design)}`;
  const welch = maps.dofMap !== undefined;
  const dofText = welch ? `Welch dof per voxel, median ${fmt(maps.dof, 1)}` : `dof ${fmt(maps.dof, 1)}`;
  const base = { spec, sided, inclusive: false, empty: false };

  if (mode === 'raw') {
    const name = statisticName(statistic, maps.design);
    const cut = sided === 2 ? `|${name}| > ${fmt(value, 4)}` : `${name} > ${fmt(value, 4)}`;
    return {
      ...base,
      on: isTStatistic(statistic) ? 't' : 'statistic',
      statCutoff: value,
      tEquivalent: isTStatistic(statistic) ? value : undefined,
      description: `${cut}${sided === 1 ? ` (${tail})` : ''}`,
    };
  }

  if (mode === 'p-unc') {
    if (welch) {
      return { ...base, on: 'p', statCutoff: smallestPassingT(maps, maps.p, value, sided, false), description: `p < ${fmtP(value)} ${tail} (${dofText})${showing}` };
    }
    const tCut = pToT(value, maps.dof, sided);
    const cut = sided === 2 ? `|t| > ${fmt(tCut, 2)}` : `t > ${fmt(tCut, 2)}`;
    return { ...base, on: 't', statCutoff: tCut, tEquivalent: tCut, description: `p < ${fmtP(value)} ${tail}  ⇔  ${cut} (${dofText})${showing}` };
  }

  const q = sided === 2 ? maps.q : oneSidedQ(maps);
  const tCut = smallestPassingT(maps, q, value, sided, true);
  const survivors = countAtMost(q, value);
  if (survivors === 0) {
    return { ...base, on: welch ? 'q' : 't', statCutoff: Infinity, empty: true, description: `no voxel survives FDR q < ${fmtP(value)}${sided === 1 ? ` ${tail}` : ''}` };
  }
  const cut = sided === 2 ? `|t| ≥ ${fmt(tCut, 2)}` : `t ≥ ${fmt(tCut, 2)}`;
  const count = `${survivors} voxel${survivors === 1 ? '' : 's'}`;
  if (welch) {
    return { ...base, on: 'q', statCutoff: tCut, inclusive: true, description: `FDR q < ${fmtP(value)} ${tail} (${count}; weakest ${cut}; ${dofText})${showing}` };
  }
  return { ...base, on: 't', statCutoff: tCut, tEquivalent: tCut, inclusive: true, description: `FDR q < ${fmtP(value)} ${tail}  ⇔  ${cut} (${count}, ${dofText})${showing}` };
}

/**
 * 1 where a voxel passes the threshold (before any cluster extent), else 0. Sign-aware:
 * two-sided passes value > c or value < -c; one-sided only value > c (the direction's
 * positive tail). p/q thresholds are applied to t (or p/q for Welch) whatever statistic
 * is displayed, so the displayed map changes but the surviving voxels do not.
 */
export function suprathresholdMask(maps: ContrastMaps, statistic: Statistic, resolved: ResolvedThreshold, sided: 1 | 2 = resolved.sided): Uint8Array {
  const out = new Uint8Array(maps.t.length);
  forEachPassing(maps, statistic, resolved, sided, (i) => {
    out[i] = 1;
  });
  return out;
}

/**
 * The value each passing voxel is clustered on (0 elsewhere): t for p/q thresholds, the
 * statistic for raw ones. Its sign is the sign of the effect.
 */
export function passingValues(maps: ContrastMaps, statistic: Statistic, resolved: ResolvedThreshold, sided: 1 | 2 = resolved.sided): Float32Array {
  const source = resolved.on === 'statistic' ? statMap(maps, statistic) : maps.t;
  const out = new Float32Array(maps.t.length);
  forEachPassing(maps, statistic, resolved, sided, (i) => {
    out[i] = source[i];
  });
  return out;
}

function forEachPassing(maps: ContrastMaps, statistic: Statistic, resolved: ResolvedThreshold, sided: 1 | 2, visit: (i: number) => void): void {
  if (resolved.empty) return;
  const n = maps.t.length;
  if (resolved.on === 'p' || resolved.on === 'q') {
    const t = maps.t;
    const level = resolved.spec.value;
    const pq = resolved.on === 'q' ? (sided === 2 ? maps.q : oneSidedQ(maps)) : maps.p;
    for (let i = 0; i < n; i++) {
      const ti = t[i];
      if (sided === 1 && !(ti > 0)) continue;
      // Two-sided p is direction-free; one-sided p (upper tail) is half the two-sided p for t > 0.
      const v = resolved.on === 'p' && sided === 1 ? 0.5 * pq[i] : pq[i];
      if (resolved.on === 'p' ? v < level : v <= level) visit(i);
    }
    return;
  }
  const values = resolved.on === 't' ? maps.t : statMap(maps, statistic);
  const c = resolved.statCutoff;
  if (resolved.inclusive) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v >= c || (sided === 2 && v <= -c)) visit(i);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v > c || (sided === 2 && v < -c)) visit(i);
    }
  }
}

function smallestPassingT(maps: ContrastMaps, pq: Float32Array, level: number, sided: 1 | 2, inclusive: boolean): number {
  let best = Infinity;
  const t = maps.t;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i];
    if (sided === 1 && !(ti > 0)) continue;
    const v = !inclusive && sided === 1 ? 0.5 * pq[i] : pq[i];
    if (inclusive ? v <= level : v < level) {
      const a = Math.abs(ti);
      if (a < best) best = a;
    }
  }
  return best;
}

function countAtMost(q: Float32Array, level: number): number {
  let n = 0;
  for (let i = 0; i < q.length; i++) if (q[i] <= level) n++;
  return n;
}

function tailWords(sided: 1 | 2, maps: ContrastMaps, names: ThresholdNames): string {
  if (sided === 2) return 'two-sided';
  const a = names.a ?? 'A';
  const b = names.b ?? 'B';
  return maps.direction === 'A-B' ? `one-sided, ${a} > ${b}` : `one-sided, ${b} > ${a}`;
}

function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? String(Number(x.toFixed(digits))) : String(x);
}

function fmtP(p: number): string {
  return p >= 1e-4 ? String(Number(p.toPrecision(3))) : p.toExponential(1).replace('.0e', 'e');
}

function userError(message: string): Error {
  return Object.assign(new Error(message), { userFacing: true });
}

/**
 * What a pane draws: the displayed statistic where a voxel passes, 0 elsewhere and where the
 * statistic is NaN (niivue needs finite values). With `keepBelow` (dual coding) voxels below
 * threshold keep their value so the view can draw them translucent. `out` (same length) is
 * filled and returned instead of a new array, so a threshold drag allocates nothing.
 */
export function thresholdedDisplayMap(maps: ContrastMaps, statistic: Statistic, resolved: ResolvedThreshold, keepBelow = false, out?: Float32Array): Float32Array {
  const stat = statMap(maps, statistic);
  if (out && out.length !== stat.length) throw new Error(`display buffer has ${out.length} voxels, the map ${stat.length}`);
  const shown = out ?? new Float32Array(stat.length);
  if (keepBelow) {
    for (let i = 0; i < stat.length; i++) shown[i] = stat[i] === stat[i] ? stat[i] : 0;
    return shown;
  }
  if (out) shown.fill(0);
  forEachPassing(maps, statistic, resolved, resolved.sided, (i) => {
    const v = stat[i];
    shown[i] = v === v ? v : 0;
  });
  return shown;
}
